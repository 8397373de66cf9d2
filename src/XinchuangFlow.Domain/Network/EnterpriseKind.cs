namespace XinchuangFlow.Domain.Network;

/// <summary>集成服务商 (primary responsibility) or 产品供应商 (supports the integrator).</summary>
public enum EnterpriseKind { Integrator, ProductVendor }
