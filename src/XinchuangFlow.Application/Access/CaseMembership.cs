namespace XinchuangFlow.Application.Access;

/// <summary>Whether an instance belongs to a ticket or complaint, and whether that case is in a scope.</summary>
public enum CaseMembership { NoCase, InScope, OutOfScope }
