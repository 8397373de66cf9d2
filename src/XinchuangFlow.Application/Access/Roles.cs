namespace XinchuangFlow.Application.Access;

/// <summary>The platform roles (SEC-1). Names are stable identifiers; the UI shows Chinese labels.</summary>
public static class Roles
{
    public const string DataBureauAdmin = "DataBureauAdmin";
    public const string IntranetSupervisor = "IntranetSupervisor";
    public const string MunicipalCoordinator = "MunicipalCoordinator";
    public const string EnterpriseManager = "EnterpriseManager";
    public const string Dispatcher = "Dispatcher";
    public const string Technician = "Technician";
    public const string ProcurementUser = "ProcurementUser";
    /// <summary>A product vendor's support engineer (vendor-support subtasks).</summary>
    public const string VendorSupport = "VendorSupport";

    public static readonly IReadOnlyList<string> All =
        [DataBureauAdmin, IntranetSupervisor, MunicipalCoordinator, EnterpriseManager, Dispatcher, Technician, ProcurementUser, VendorSupport];

}
