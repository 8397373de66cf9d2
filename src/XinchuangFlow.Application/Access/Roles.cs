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

    /// <summary>
    /// An enterprise's own service platform, signed in with the API key the Data Bureau issued for that enterprise: it
    /// reports the enterprise's service data (DAT-2) and nothing else. Not a person's role (not in <see cref="All"/>).
    /// </summary>
    public const string EnterprisePlatform = "EnterprisePlatform";

    public static readonly IReadOnlyList<string> All =
        [DataBureauAdmin, IntranetSupervisor, MunicipalCoordinator, EnterpriseManager, Dispatcher, Technician, ProcurementUser, VendorSupport];

    /// <summary>Chinese names for text the platform writes into a case's history (which, like all history, is Chinese).</summary>
    public static readonly IReadOnlyDictionary<string, string> NamesZh = new Dictionary<string, string>
    {
        [DataBureauAdmin] = "数据局管理员", [IntranetSupervisor] = "内网办监督员", [MunicipalCoordinator] = "市级统筹协调单位",
        [EnterpriseManager] = "企业服务经理", [Dispatcher] = "调度员", [Technician] = "服务工程师", [ProcurementUser] = "采购单位用户",
        [VendorSupport] = "厂商技术支持",
    };

}
