namespace XinchuangFlow.Infrastructure.Hosting;

/// <summary>What <see cref="BaselineAdoption.AdoptAsync"/> found and did.</summary>
public enum BaselineAdoptionResult
{
    /// <summary>Nothing to do: a new database, or one created from (or already moved to) the baseline.</summary>
    NotNeeded,
    /// <summary>The history listed exactly the pre-baseline migrations; it now lists the baseline instead.</summary>
    Adopted,
}
