namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>Supported database providers.</summary>
public enum DatabaseProvider { Sqlite, PostgreSql, SqlServer }
