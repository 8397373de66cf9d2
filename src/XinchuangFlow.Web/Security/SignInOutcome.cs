namespace XinchuangFlow.Web.Security;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInOutcome { SignedIn, Invalid, Throttled, PasswordExpired }
