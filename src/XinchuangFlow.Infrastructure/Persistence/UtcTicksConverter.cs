using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>DateTimeOffset ⇄ UTC ticks, so SQLite can index, compare and order times.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
