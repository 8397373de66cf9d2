namespace XinchuangFlow.Web.Security;

/// <summary>How a password change ended.</summary>
public enum PasswordChangeOutcome { Changed, Invalid, Throttled, Mismatch, SameAsBefore, Weak }
