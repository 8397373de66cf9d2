using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Domain.Tickets;

/// <summary>A request for service as submitted (portal, hotline, API …), before it becomes a ticket.</summary>
public sealed class TicketRequest
{
    public string? Number { get; set; }
    public string Channel { get; set; } = "portal";
    public string? RequestKey { get; set; }
    public string? ExternalId { get; set; }
    public Guid? ProcurementUnitId { get; set; }
    public string ProcurementUnit { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public string CityCode { get; set; } = "";
    public string CountyCode { get; set; } = "";
    public string? Address { get; set; }
    public string ProductCategory { get; set; } = "";
    public string? ProductVendor { get; set; }
    public string? ProductModel { get; set; }
    public string? SerialNumber { get; set; }
    public string? Cpu { get; set; }
    public string? Os { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string Impact { get; set; } = Impacts.Single;
    public Guid? IntegratorId { get; set; }
    public string? CreatedBy { get; set; }

    public const int MaxTitle = 200;
    public const int MaxDescription = 10_000;

    /// <summary>
    /// Normalises what JSON may leave null. Text is stored as the user typed it (SEC-6): nothing is stripped or
    /// rewritten; it is encoded on output by whatever renders it.
    /// </summary>
    public void Clean()
    {
        // JSON may carry explicit nulls for required text: treat them as empty so validation names them.
        Channel ??= ""; CityCode ??= ""; CountyCode ??= ""; ProductCategory ??= ""; Impact ??= "";
        Title ??= ""; Description ??= ""; ContactName ??= ""; ProcurementUnit ??= "";
    }

    /// <summary>True when <paramref name="ticket"/> was created from the same request (an idempotent repeat).</summary>
    public bool SameAs(Ticket ticket) =>
        ticket.Channel == Channel && ticket.Title == Title && ticket.Description == Description && ticket.ContactName == ContactName
        && (ticket.ContactPhone ?? "") == (ContactPhone ?? "") && (ticket.ContactEmail ?? "") == (ContactEmail ?? "")
        && ticket.CityCode == CityCode && ticket.CountyCode == CountyCode && (ticket.Address ?? "") == (Address ?? "")
        && ticket.ProductCategory == ProductCategory && (ticket.ProductVendor ?? "") == (ProductVendor ?? "") && (ticket.ProductModel ?? "") == (ProductModel ?? "") && (ticket.SerialNumber ?? "") == (SerialNumber ?? "")
        && (ticket.Cpu ?? "") == (Cpu ?? "") && (ticket.Os ?? "") == (Os ?? "") && ticket.Impact == Impact
        && (ProcurementUnitId is null || ticket.ProcurementUnitId == ProcurementUnitId);

    /// <summary>Every problem, each naming its field; empty when the request is acceptable.</summary>
    public List<Problem> Validate(GuangxiDivisions divisions)
    {
        var problems = new List<Problem>();
        void Add(Problem? problem) { if (problem is not null) problems.Add(problem); }
        if (!Channels.NamesZh.ContainsKey(Channel)) Add(NotInList("channel", Channel, Channels.NamesZh.Keys));
        if (string.IsNullOrWhiteSpace(ProcurementUnit)) Add(Problem.Of(TextProblems.Required, "procurementUnit", "The procurement unit is required."));
        Add(TextRules.Check(ContactName, "contactName", 100, multiline: false));
        if (string.IsNullOrWhiteSpace(ContactPhone) && string.IsNullOrWhiteSpace(ContactEmail))
            Add(Problem.Of(TextProblems.ContactMissing, "contactPhone", "A phone number or an e-mail address is required."));
        if (ContactPhone is { Length: > 0 } phone) Add(TextRules.CheckPhone(phone, "contactPhone"));
        if (ContactEmail is { Length: > 0 } mail) Add(TextRules.CheckEmail(mail, "contactEmail"));
        var county = divisions.Find(CountyCode);
        if (string.IsNullOrWhiteSpace(CityCode))
            Add(Problem.Of(TextProblems.ChoiceRequired, "cityCode", "Choose the city."));
        else if (divisions.Cities.All(c => c.Code != CityCode))
            Add(Problem.Of(TextProblems.NotACity, "cityCode", $"'{CityCode}' is not a Guangxi prefecture-level city code.", ("value", CityCode)));
        if (string.IsNullOrWhiteSpace(CountyCode))
            Add(Problem.Of(TextProblems.ChoiceRequired, "countyCode", "Choose the county."));
        else if (county is null || county.Level == DivisionLevel.City)
            Add(Problem.Of(TextProblems.NotACounty, "countyCode", $"'{CountyCode}' is not a Guangxi county-level division code.", ("value", CountyCode)));
        else if (county.ParentCode != CityCode)
            Add(Problem.Of(TextProblems.CountyNotInCity, "countyCode", $"County {CountyCode} ({county.Name}) does not belong to city {CityCode}.",
                ("county", county.Name), ("city", divisions.Find(CityCode)?.Name ?? CityCode)));
        if (!ProductCategories.IsKnown(ProductCategory)) Add(NotInList("productCategory", ProductCategory, ProductCategories.Names.Keys));
        if (!Impacts.All.Contains(Impact)) Add(NotInList("impact", Impact, Impacts.All));
        Add(TextRules.Check(Title, "title", MaxTitle, multiline: false));
        Add(TextRules.Check(Description, "description", MaxDescription, multiline: true));
        foreach (var (field, value, max) in new[] { ("address", Address, 300), ("productVendor", ProductVendor, 100), ("productModel", ProductModel, 100), ("serialNumber", SerialNumber, 100), ("cpu", Cpu, 100), ("os", Os, 100) })
            if (value is { Length: > 0 }) Add(TextRules.Check(value, field, max, multiline: false, required: false));
        if (RequestKey is { Length: > 100 })
            Add(Problem.Of(TextProblems.TooLong, "requestKey", "The request key is longer than 100 characters.", ("length", RequestKey.Length), ("max", 100)));
        return problems;
    }

    /// <summary>A choice that is not one of the list's: "choose one" when nothing was chosen, else which value is not one.</summary>
    private static Problem NotInList(string field, string value, IEnumerable<string> choices) =>
        string.IsNullOrWhiteSpace(value)
            ? Problem.Of(TextProblems.ChoiceRequired, field, $"Choose the {field}.")
            : Problem.Of(TextProblems.NotInList, field, $"'{value}' is not one of {string.Join(", ", choices)}.", ("value", value));

    /// <summary>The ticket this request becomes.</summary>
    public Ticket ToTicket(Guid instanceId, DateTimeOffset now, string? user) => new()
    {
        Id = Guid.CreateVersion7(),
        Number = Number ?? throw new InvalidOperationException("The request has no ticket number."),
        InstanceId = instanceId,
        Channel = Channel,
        RequestKey = RequestKey,
        ExternalId = ExternalId,
        CreatedAt = now,
        UpdatedAt = now,
        CreatedBy = CreatedBy ?? user,
        ProcurementUnitId = ProcurementUnitId,
        ProcurementUnit = ProcurementUnit,
        ContactName = ContactName,
        ContactPhone = ContactPhone,
        ContactEmail = ContactEmail,
        CityCode = CityCode,
        CountyCode = CountyCode,
        Address = Address,
        ProductCategory = ProductCategory,
        ProductVendor = ProductVendor,
        ProductModel = ProductModel,
        SerialNumber = SerialNumber,
        Cpu = Cpu,
        Os = Os,
        Title = Title,
        Description = Description,
        Impact = Impact,
        IntegratorId = IntegratorId,
        Status = TicketStatus.Submitted,
        ClocksJson = new TicketClocks().Serialize(),
    };
}
