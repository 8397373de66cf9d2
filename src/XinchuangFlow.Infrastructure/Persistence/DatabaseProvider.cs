using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>Supported database providers.</summary>
public enum DatabaseProvider { Sqlite, PostgreSql, SqlServer }
