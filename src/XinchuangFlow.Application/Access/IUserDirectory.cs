namespace XinchuangFlow.Application.Access;

/// <summary>Finds users (the database layer implements it).</summary>
public interface IUserDirectory
{
    /// <summary>By part of their login or name.</summary>
    Task<IReadOnlyList<UserEntry>> SearchAsync(string? text, int take, CancellationToken ct = default);

    /// <summary>
    /// These users as other people read them (name and organisation), disabled accounts too — what they did stays theirs;
    /// a login that has no account but is a technician's of the service network (the roster names them, as dispatch
    /// does) by the technician's name and enterprise; logins that are nobody's are left out.
    /// </summary>
    Task<IReadOnlyList<Person>> PeopleAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default);

    /// <summary>One user by login, with roles and tenant; null when there is none.</summary>
    Task<UserProfile?> FindAsync(string userName, CancellationToken ct = default);

    /// <summary>The user whose login or contact e-mail address is <paramref name="address"/>; null when none or more than one is.</summary>
    Task<UserProfile?> FindByEmailAsync(string address, CancellationToken ct = default);

    /// <summary>Holders of <paramref name="role"/> in the same tenant (enterprise, city or unit, whichever is given).</summary>
    Task<IReadOnlyList<UserEntry>> TeamAsync(string role, Guid? enterpriseId, string? cityCode, Guid? unitId, int take, CancellationToken ct = default);

    /// <summary>How to reach these users and which channels they want (unknown names are left out).</summary>
    Task<IReadOnlyList<Notifications.UserContact>> ContactsAsync(IReadOnlyList<string> userNames, CancellationToken ct = default);

    /// <summary>Stores a user's own e-mail address, phone number and channel wishes.</summary>
    /// <summary>Keeps the language the user chose (messages sent to them are in it).</summary>
    Task SetLanguageAsync(string userName, string language, CancellationToken ct = default);
    Task UpdateContactAsync(string userName, string? email, string? phone, bool byEmail, bool bySms, CancellationToken ct = default);
}
