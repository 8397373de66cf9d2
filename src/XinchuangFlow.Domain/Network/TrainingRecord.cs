namespace XinchuangFlow.Domain.Network;

/// <summary>A training a technician took (NET-3): the course, the day, the hours and the result.</summary>
public sealed record TrainingRecord(Guid Id, Guid TechnicianId, string Course, DateOnly Day, decimal Hours, TrainingResult Result);

/// <summary>How a training ended.</summary>
public enum TrainingResult { Passed, Failed, Attended }
