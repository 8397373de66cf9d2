namespace XinchuangFlow.Application.Access;

/// <summary>Problem codes of user administration and a user's own settings (<see cref="UserAdminService"/>, <see cref="MySettingsService"/>).</summary>
[ProblemCodes]
public static class AccountProblems
{
    /// <summary>An administrator disabling or resetting their own account from the list (they would lock themselves out). Arguments: field.</summary>
    public const string OwnAccount = "own-account";
    /// <summary>Arguments: field (email).</summary>
    public const string EmailTaken = "account-email-taken";
    /// <summary>Arguments: field (role).</summary>
    public const string RoleInvalid = "account-role-invalid";
    /// <summary>Arguments: field (cityCode).</summary>
    public const string CityRequired = "account-city-required";
    /// <summary>Arguments: field (enterpriseId).</summary>
    public const string EnterpriseUnknown = "account-enterprise-unknown";
    /// <summary>Arguments: field (enterpriseId).</summary>
    public const string EnterpriseRequired = "account-enterprise-required";
    /// <summary>Arguments: field (unitId).</summary>
    public const string UnitRequired = "account-unit-required";
    /// <summary>Arguments: field (email); the account store refused the account (its reasons are in the English message).</summary>
    public const string CreateRefused = "account-create-refused";
    /// <summary>Arguments: user.</summary>
    public const string UserNotFound = "account-user-not-found";
    /// <summary>No arguments: the signed-in person has no user record.</summary>
    public const string NotAUser = "account-not-a-user";
    /// <summary>Arguments: field (email).</summary>
    public const string EmailForMail = "settings-email-for-mail";
    /// <summary>Arguments: field (phone).</summary>
    public const string PhoneForSms = "settings-phone-for-sms";
    /// <summary>Arguments: field (user).</summary>
    public const string SignInFirst = "sign-in-first";
}
