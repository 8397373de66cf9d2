namespace XinchuangFlow.Domain.Dispatch;

/// <summary>One technician that was considered and why it was not chosen (both languages).</summary>
public sealed record Rejection(Guid TechnicianId, string Technician, string Code, string ReasonZh, string ReasonEn);
