using System.Text.Json;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Domain.Time;

namespace XinchuangFlow.Application.Network;

/// <summary>What a page or the API shows of one enterprise's network, as far as the caller may see it.</summary>
public sealed record NetworkView(Enterprise Enterprise, IReadOnlyList<ServicePoint> Points, IReadOnlyList<Technician> Technicians,
    ILookup<Guid, Certificate> Certificates, IReadOnlyList<TrainingRecord> Training, bool MayManage, string? City);

/// <summary>An enterprise in the network overview: its counts and its newest shortlist decision.</summary>
public sealed record EnterpriseRow(Enterprise Enterprise, NetworkCounts Counts, ShortlistDecision? Latest);

/// <summary>
/// Managing the service network (NET-2, NET-3, SEC-2, SEC-3): the Data Bureau creates and edits enterprises (their
/// shortlist status goes through <see cref="ShortlistService"/>); an enterprise's manager creates, edits and
/// deactivates its own service points, technicians, certificates (with their scans) and training records; the Intranet
/// Office reads everything, a coordinator the points and technicians of their city. Every change is audited with the
/// state before and after. Scope decisions are the <see cref="AccessService"/>'s.
/// </summary>
public sealed class NetworkAdminService(INetworkAdminStore store, AccessService access, IAuditLog audit, TimeProvider clock, GuangxiDivisions divisions,
    AttachmentService files, IAttachmentStore attachments, INetworkRepository network, IShortlistStore decisions)
{
    public const string PointKind = "service-point";
    public const string TechnicianKind = "technician";
    public const string CertificateKind = "certificate";
    public const string TrainingKind = "training";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // ---- reads ----------------------------------------------------------------------------------------------------

    /// <summary>The enterprises the caller sees with their (city's) counts and newest shortlist decision.</summary>
    public async Task<IReadOnlyList<EnterpriseRow>> OverviewAsync(Actor actor, CancellationToken ct = default)
    {
        var all = await network.EnterprisesAsync(ct);
        var seen = access.SeesAllEnterprises(actor) ? all : all.Where(e => e.Id == actor.EnterpriseId).ToList();
        var latest = (await decisions.DecisionsAsync(null, 1000, ct)).GroupBy(d => d.EnterpriseId).ToDictionary(g => g.Key, g => g.First());
        var counts = await store.CountsAsync(access.NetworkCityOf(actor), ct);
        return seen.OrderBy(e => e.Kind).ThenBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new EnterpriseRow(e, counts.GetValueOrDefault(e.Id) ?? new NetworkCounts(0, 0), latest.GetValueOrDefault(e.Id))).ToList();
    }

    /// <summary>One enterprise's network as the caller may see it; another tenant's is a logged 404.</summary>
    public async Task<NetworkView> ViewAsync(Actor actor, Guid enterpriseId, CancellationToken ct = default)
    {
        var book = await BookAsync(actor, enterpriseId, ct);
        var city = access.NetworkCityOf(actor);
        var points = city is null ? book.Points : book.Points.Where(p => p.CountyCode.StartsWith(city, StringComparison.Ordinal)).ToList();
        var pointIds = points.Select(p => p.Id).ToHashSet();
        var technicians = city is null ? book.Technicians : book.Technicians.Where(t => pointIds.Contains(t.ServicePointId)).ToList();
        var technicianIds = technicians.Select(t => t.Id).ToHashSet();
        return new NetworkView(book.Enterprise, points, technicians,
            book.Certificates.Where(c => technicianIds.Contains(c.TechnicianId)).OrderBy(c => c.ProductCategory).ThenBy(c => c.ValidFrom).ToLookup(c => c.TechnicianId),
            book.Training.Where(r => technicianIds.Contains(r.TechnicianId)).OrderByDescending(r => r.Day).ToList(),
            access.MayManageNetworkOf(actor, enterpriseId), city);
    }

    private async Task<NetworkBook> BookAsync(Actor actor, Guid enterpriseId, CancellationToken ct)
    {
        if (!access.MaySeeEnterprise(actor, enterpriseId)) throw access.NotFound(actor, "enterprise", enterpriseId);
        return await store.BookAsync(enterpriseId, ct) ?? throw NotFound("enterprise", enterpriseId);
    }

    private static NotFoundException NotFound(string what, object id) =>
        new(Problem.Of(AccessProblems.NotFound, null, $"{what} {id} does not exist.", ("what", what), ("id", id)));

    // ---- enterprises (the Data Bureau) ------------------------------------------------------------------------------

    public async Task<Enterprise> CreateEnterpriseAsync(Actor actor, EnterpriseInput input, CancellationToken ct = default)
    {
        if (!access.MayManageEnterprises(actor)) throw access.Denied(actor, "create an enterprise", "The Data Bureau creates and edits enterprises.");
        var (name, kind) = await CheckEnterpriseAsync(input, null, ct);
        var created = new Enterprise(Guid.CreateVersion7(), name, kind, ShortlistStatus.Active);
        var changes = new NetworkChanges();
        changes.Added.Add(created);
        await store.ApplyAsync(changes, ct);
        await AuditAsync(actor, ShortlistService.AuditKind, created.Id, "create", null, EnterpriseShape(created), ct);
        return created;
    }

    public async Task<Enterprise> UpdateEnterpriseAsync(Actor actor, Guid id, EnterpriseInput input, CancellationToken ct = default)
    {
        if (!access.MayManageEnterprises(actor))
        {
            if (!access.MaySeeEnterprise(actor, id)) throw access.NotFound(actor, "enterprise", id);
            throw access.Denied(actor, "edit an enterprise", "The Data Bureau creates and edits enterprises.");
        }
        var before = (await store.BookAsync(id, ct))?.Enterprise ?? throw NotFound("enterprise", id);
        var (name, kind) = await CheckEnterpriseAsync(input, id, ct);
        var after = before with { Name = name, Kind = kind };
        if (after == before) return before;
        var changes = new NetworkChanges();
        changes.Updated.Add(after);
        await store.ApplyAsync(changes, ct);
        await AuditAsync(actor, ShortlistService.AuditKind, id, "update", EnterpriseShape(before), EnterpriseShape(after), ct);
        return after;
    }

    private async Task<(string Name, EnterpriseKind Kind)> CheckEnterpriseAsync(EnterpriseInput input, Guid? id, CancellationToken ct)
    {
        var problems = new ProblemList();
        var name = Text(input.Name, "name", 200, true, problems);
        var kind = Choice<EnterpriseKind>(input.Kind, "kind", problems);
        if (name is not null && await store.EnterpriseNameTakenAsync(name, id, ct))
            problems.Add(Problem.Of(NetworkProblems.EnterpriseNameTaken, "name", $"Another enterprise is called {name}.", ("name", name)));
        problems.ThrowIfAny();
        return (name!, kind!.Value);
    }

    // ---- service points ---------------------------------------------------------------------------------------------

    public async Task<ServicePoint> SavePointAsync(Actor actor, Guid enterpriseId, Guid? pointId, ServicePointInput input, CancellationToken ct = default)
    {
        access.EnsureMayManageNetwork(actor, enterpriseId, "change a service point");
        var book = await BookAsync(actor, enterpriseId, ct);
        var before = pointId is { } pid ? book.Points.FirstOrDefault(p => p.Id == pid) ?? throw access.NotFound(actor, "service point", pid) : null;
        var problems = new ProblemList();
        var after = CheckPoint(input, book, before, problems);
        problems.ThrowIfAny();
        return await ApplyOneAsync(actor, PointKind, after!.Id, before, after!, PointShape, ct);
    }

    /// <summary>Takes a point out of service; refused while active technicians still work from it.</summary>
    public async Task<ServicePoint> DeactivatePointAsync(Actor actor, Guid enterpriseId, Guid pointId, CancellationToken ct = default)
    {
        access.EnsureMayManageNetwork(actor, enterpriseId, "deactivate a service point");
        var book = await BookAsync(actor, enterpriseId, ct);
        var before = book.Points.FirstOrDefault(p => p.Id == pointId) ?? throw access.NotFound(actor, "service point", pointId);
        var staff = book.Technicians.Count(t => t.ServicePointId == pointId && t.Active);
        if (staff > 0)
            throw new StateConflictException(Problem.Of(NetworkProblems.PointInUse, null, $"{staff} active technicians work from {before.Name}; move or deactivate them first.", ("count", staff)));
        return await ApplyOneAsync(actor, PointKind, pointId, before, before with { Active = false }, PointShape, ct);
    }

    /// <summary>The point <paramref name="input"/> describes (a new one when <paramref name="before"/> is null); problems are added, not thrown.</summary>
    internal ServicePoint? CheckPoint(ServicePointInput input, NetworkBook book, ServicePoint? before, List<Problem> problems)
    {
        var count = problems.Count;
        var name = Text(input.Name, "name", 200, true, problems);
        var kind = Choice<ServicePointKind>(input.Kind, "kind", problems);
        var county = County(input.CountyCode, "countyCode", problems);
        var address = Text(input.Address, "address", 300, false, problems);
        var hours = Text(input.OpeningHours, "openingHours", 100, false, problems);
        var phone = Phone(input.Phone, "phone", problems);
        if (name is not null && county is not null
            && book.Points.Any(p => p.Id != before?.Id && p.CountyCode == county && string.Equals(p.Name, name, StringComparison.Ordinal)))
            problems.Add(Problem.Of(NetworkProblems.PointNameTaken, "name", $"There is already a point called {name} in this county.", ("name", name), ("county", divisions.Find(county)?.Name ?? county)));
        if (problems.Count > count) return null;
        return new ServicePoint(before?.Id ?? Guid.CreateVersion7(), book.Enterprise.Id, name!, kind!.Value, county!)
        {
            Address = address, OpeningHours = hours, Phone = phone, Active = before?.Active ?? true,
        };
    }

    // ---- technicians ------------------------------------------------------------------------------------------------

    public async Task<Technician> SaveTechnicianAsync(Actor actor, Guid enterpriseId, Guid? technicianId, TechnicianInput input, CancellationToken ct = default)
    {
        access.EnsureMayManageNetwork(actor, enterpriseId, "change a technician");
        var book = await BookAsync(actor, enterpriseId, ct);
        var before = technicianId is { } tid ? book.Technicians.FirstOrDefault(t => t.Id == tid) ?? throw access.NotFound(actor, "technician", tid) : null;
        var problems = new ProblemList();
        var after = await CheckTechnicianAsync(input, book, before, problems, ct);
        problems.ThrowIfAny();
        return await ApplyOneAsync(actor, TechnicianKind, after!.Id, before, after!, TechnicianShape, ct);
    }

    public async Task<Technician> DeactivateTechnicianAsync(Actor actor, Guid enterpriseId, Guid technicianId, CancellationToken ct = default)
    {
        access.EnsureMayManageNetwork(actor, enterpriseId, "deactivate a technician");
        var book = await BookAsync(actor, enterpriseId, ct);
        var before = book.Technicians.FirstOrDefault(t => t.Id == technicianId) ?? throw access.NotFound(actor, "technician", technicianId);
        return await ApplyOneAsync(actor, TechnicianKind, technicianId, before, before with { Active = false }, TechnicianShape, ct);
    }

    internal async Task<Technician?> CheckTechnicianAsync(TechnicianInput input, NetworkBook book, Technician? before, List<Problem> problems, CancellationToken ct)
    {
        var count = problems.Count;
        var name = Text(input.Name, "name", 100, true, problems);
        var login = input.UserName?.Trim();
        if (TextRules.CheckEmail(login, "userName") is { } bad) problems.Add(bad);
        else if (await store.TechnicianByLoginAsync(login!, ct) is { } other && other.Id != before?.Id)
            problems.Add(Problem.Of(NetworkProblems.LoginTaken, "userName", $"Another technician signs in as {login}.", ("value", login!)));
        var point = input.ServicePointId is { } pid ? book.Points.FirstOrDefault(p => p.Id == pid && p.Active) : null;
        if (point is null)
            problems.Add(input.ServicePointId is null
                ? Problem.Of(TextProblems.ChoiceRequired, "servicePointId", "Choose the technician's service point.")
                : Problem.Of(NetworkProblems.PointUnknown, "servicePointId", "The enterprise has no such active service point.", ("value", input.ServicePointId.ToString()!)));
        var level = input.CapabilityLevel;
        if (level is not (>= 1 and <= 3))
            problems.Add(Problem.Of(NetworkProblems.LevelInvalid, "capabilityLevel", "The capability level is 1, 2 or 3.", ("value", level?.ToString() ?? "")));
        var categories = (input.Categories ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var c in categories.Where(c => !ProductCategories.IsKnown(c)))
            problems.Add(Problem.Of(NetworkProblems.CategoryUnknown, "categories", $"{c} is not a product category.", ("value", c.Length > 40 ? c[..40] : c)));
        var phone = Phone(input.Phone, "phone", problems);
        if (problems.Count > count) return null;
        return new Technician(before?.Id ?? Guid.CreateVersion7(), book.Enterprise.Id, point!.Id, name!, login!, level!.Value, before?.Active ?? true)
        {
            Phone = phone, Categories = ProductCategories.Names.Keys.Where(categories.Contains).ToArray(),
        };
    }

    // ---- certificates -----------------------------------------------------------------------------------------------

    /// <summary>Creates or updates the certificate with this number.</summary>
    public async Task<Certificate> SaveCertificateAsync(Actor actor, Guid enterpriseId, string? number, CertificateInput input, CancellationToken ct = default)
    {
        access.EnsureMayManageNetwork(actor, enterpriseId, "change a certificate");
        var book = await BookAsync(actor, enterpriseId, ct);
        var problems = new ProblemList();
        var (before, after) = await CheckCertificateAsync(number, input, book, problems, ct);
        problems.ThrowIfAny();
        var changes = Replace(before, after!);
        if (changes.IsEmpty) return before!;
        await store.ApplyAsync(changes, ct);
        await AuditAsync(actor, CertificateKind, after!.Number!, before is null ? "create" : "update", before is null ? null : CertificateShape(before), CertificateShape(after), ct);
        return after;
    }

    public async Task RemoveCertificateAsync(Actor actor, Guid enterpriseId, string number, CancellationToken ct = default)
    {
        access.EnsureMayManageNetwork(actor, enterpriseId, "remove a certificate");
        var book = await BookAsync(actor, enterpriseId, ct);
        var before = book.Certificates.FirstOrDefault(c => c.Number == number) ?? throw access.NotFound(actor, "certificate", number);
        var changes = new NetworkChanges();
        changes.Removed.Add(before);
        await store.ApplyAsync(changes, ct);
        await AuditAsync(actor, CertificateKind, number, "remove", CertificateShape(before), null, ct);
    }

    /// <summary>The stored certificate of that number (null when new) and the one <paramref name="input"/> describes; problems are added, not thrown.</summary>
    internal async Task<(Certificate? Before, Certificate? After)> CheckCertificateAsync(string? number, CertificateInput input, NetworkBook book, List<Problem> problems, CancellationToken ct)
    {
        var count = problems.Count;
        var no = number?.Trim() ?? "";
        Certificate? before = null;
        if (no.Length == 0) problems.Add(Problem.Of(NetworkProblems.CertificateNumberRequired, "number", "A certificate needs its number."));
        else if (TextRules.Check(no, "number", 60, false) is { } bad) problems.Add(bad);
        else if (await store.CertificateByNumberAsync(no, ct) is { } found)
        {
            if (found.EnterpriseId != book.Enterprise.Id)
                problems.Add(Problem.Of(NetworkProblems.CertificateNumberTaken, "number", $"Certificate {no} belongs to another enterprise.", ("value", no)));
            else before = found.Certificate;
        }
        var technician = input.TechnicianId is { } tid ? book.Technicians.FirstOrDefault(t => t.Id == tid) : null;
        if (technician is null)
            problems.Add(input.TechnicianId is null
                ? Problem.Of(TextProblems.ChoiceRequired, "technicianId", "Choose the technician.")
                : Problem.Of(NetworkProblems.TechnicianUnknown, "technicianId", "The enterprise has no such technician.", ("value", input.TechnicianId.ToString()!)));
        var category = input.ProductCategory?.Trim() ?? "";
        if (category.Length == 0) problems.Add(Problem.Of(TextProblems.ChoiceRequired, "productCategory", "Choose the product category."));
        else if (!ProductCategories.IsKnown(category))
            problems.Add(Problem.Of(NetworkProblems.CategoryUnknown, "productCategory", $"{category} is not a product category.", ("value", category.Length > 40 ? category[..40] : category)));
        if (input.ValidFrom is null) problems.Add(Problem.Of(NetworkProblems.DateRequired, "validFrom", "The first valid day is missing."));
        if (input.ValidUntil is null) problems.Add(Problem.Of(NetworkProblems.DateRequired, "validUntil", "The last valid day is missing."));
        else if (input.ValidFrom is { } f && input.ValidUntil < f)
            problems.Add(Problem.Of(NetworkProblems.CertificateDates, "validUntil", "The certificate ends before it begins."));
        if (problems.Count > count) return (before, null);
        // Another certificate of the technician for the category from the same day (e.g. one recorded before numbers were kept) is the same one.
        before ??= book.Certificates.FirstOrDefault(c => c.TechnicianId == technician!.Id && c.ProductCategory == category && c.ValidFrom == input.ValidFrom);
        return (before, new Certificate(technician!.Id, category, input.ValidFrom!.Value, input.ValidUntil!.Value) { Number = no, ScanId = before?.ScanId });
    }

    /// <summary>The rows that turn <paramref name="before"/> into <paramref name="after"/>: an update, or a removal and an addition when the key (technician, category, first day) changes.</summary>
    internal static NetworkChanges Replace(Certificate? before, Certificate after)
    {
        var changes = new NetworkChanges();
        if (before is null) changes.Added.Add(after);
        else if (before == after) { }
        else if (before.TechnicianId == after.TechnicianId && before.ProductCategory == after.ProductCategory && before.ValidFrom == after.ValidFrom) changes.Updated.Add(after);
        else { changes.Removed.Add(before); changes.Added.Add(after); }
        return changes;
    }

    /// <summary>Attaches a scan (photo or PDF, within the attachment limits) to a certificate; the earlier scan stays in the audit trail's before.</summary>
    public async Task<Certificate> UploadScanAsync(Actor actor, Guid enterpriseId, string number, string? fileName, Stream content, CancellationToken ct = default)
    {
        access.EnsureMayManageNetwork(actor, enterpriseId, "upload a certificate scan");
        var book = await BookAsync(actor, enterpriseId, ct);
        var before = book.Certificates.FirstOrDefault(c => c.Number == number) ?? throw access.NotFound(actor, "certificate", number);
        var bytes = await ReadLimitedAsync(content, files.MaxBytes, ct);
        var type = AttachmentService.Sniff(bytes);
        if (bytes.Length > 0 && type is null or "text/plain")
            throw new InvalidInputException(Problem.Of(NetworkProblems.ScanType, "file", "A scan is a photo (PNG, JPEG, GIF, WebP) or a PDF.", ("name", fileName ?? "")));
        var info = await files.UploadToAsync(before.TechnicianId, fileName, new MemoryStream(bytes), actor.UserName, ct);
        var after = before with { ScanId = info.Id };
        if (after == before) return before;
        var changes = new NetworkChanges();
        changes.Updated.Add(after);
        await store.ApplyAsync(changes, ct);
        await AuditAsync(actor, CertificateKind, number, "scan", CertificateShape(before), CertificateShape(after), ct);
        return after;
    }

    /// <summary>The scan of a certificate the caller may see.</summary>
    public async Task<Attachment> ScanAsync(Actor actor, Guid enterpriseId, string number, CancellationToken ct = default)
    {
        var view = await ViewAsync(actor, enterpriseId, ct);
        var certificate = view.Certificates.SelectMany(g => g).FirstOrDefault(c => c.Number == number) ?? throw access.NotFound(actor, "certificate", number);
        return certificate.ScanId is { } scan && await attachments.FindAsync(certificate.TechnicianId, scan, ct) is { } file ? file : throw NotFound("scan", number);
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream content, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > max) throw AttachmentService.TooLarge(max);
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    // ---- training records -------------------------------------------------------------------------------------------

    public async Task<TrainingRecord> SaveTrainingAsync(Actor actor, Guid enterpriseId, Guid? recordId, TrainingInput input, CancellationToken ct = default)
    {
        access.EnsureMayManageNetwork(actor, enterpriseId, "change a training record");
        var book = await BookAsync(actor, enterpriseId, ct);
        var before = recordId is { } rid ? book.Training.FirstOrDefault(r => r.Id == rid) ?? throw access.NotFound(actor, "training record", rid) : null;
        var problems = new ProblemList();
        var course = Text(input.Course, "course", 200, true, problems);
        if (input.TechnicianId is not { } tid || book.Technicians.All(t => t.Id != tid))
            problems.Add(input.TechnicianId is null
                ? Problem.Of(TextProblems.ChoiceRequired, "technicianId", "Choose the technician.")
                : Problem.Of(NetworkProblems.TechnicianUnknown, "technicianId", "The enterprise has no such technician.", ("value", input.TechnicianId.ToString()!)));
        if (input.Day is null) problems.Add(Problem.Of(NetworkProblems.DateRequired, "day", "The day of the training is missing."));
        if (input.Hours is not (>= 0.5m and <= 1000m))
            problems.Add(Problem.Of(NetworkProblems.HoursInvalid, "hours", "Hours are between 0.5 and 1000.", ("value", input.Hours?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")));
        TrainingResult? result = Enum.TryParse<TrainingResult>(input.Result, true, out var r) && Enum.IsDefined(r) && !int.TryParse(input.Result, out _) ? r : null;
        if (result is null) problems.Add(Problem.Of(NetworkProblems.ResultInvalid, "result", "The result is Passed, Failed or Attended.", ("value", input.Result ?? "")));
        problems.ThrowIfAny();
        var after = new TrainingRecord(before?.Id ?? Guid.CreateVersion7(), input.TechnicianId!.Value, course!, input.Day!.Value, Math.Round(input.Hours!.Value, 1), result!.Value);
        return await ApplyOneAsync(actor, TrainingKind, after.Id, before, after, TrainingShape, ct);
    }

    public async Task RemoveTrainingAsync(Actor actor, Guid enterpriseId, Guid recordId, CancellationToken ct = default)
    {
        access.EnsureMayManageNetwork(actor, enterpriseId, "remove a training record");
        var book = await BookAsync(actor, enterpriseId, ct);
        var before = book.Training.FirstOrDefault(r => r.Id == recordId) ?? throw access.NotFound(actor, "training record", recordId);
        var changes = new NetworkChanges();
        changes.Removed.Add(before);
        await store.ApplyAsync(changes, ct);
        await AuditAsync(actor, TrainingKind, recordId, "remove", TrainingShape(before), null, ct);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private async Task<T> ApplyOneAsync<T>(Actor actor, string kind, object id, T? before, T after, Func<T, object> shape, CancellationToken ct) where T : class
    {
        if (before is not null && Unchanged(before, after, shape)) return before;
        var changes = new NetworkChanges();
        (before is null ? changes.Added : changes.Updated).Add(after);
        await store.ApplyAsync(changes, ct);
        var action = before is null ? "create" : after is ServicePoint { Active: false } or Technician { Active: false } && before is ServicePoint { Active: true } or Technician { Active: true } ? "deactivate" : "update";
        await AuditAsync(actor, kind, id, action, before is null ? null : shape(before), AuditedAfter(before, after, shape), ct);
        return after;
    }

    /// <summary>Whether a change changes nothing: the audited states alike, and the values the audit keeps only masked (a technician's phone) too.</summary>
    internal static bool Unchanged<T>(T before, T after, Func<T, object> shape) =>
        JsonSerializer.Serialize(shape(before), Json) == JsonSerializer.Serialize(shape(after), Json) && MaskedChanges(before, after).Length == 0;

    /// <summary>The state after as the audit keeps it: its shape, naming under <see cref="PersonalData.ChangedKey"/> the masked values that changed.</summary>
    internal static object AuditedAfter<T>(T? before, T after, Func<T, object> shape)
    {
        var changed = MaskedChanges(before, after);
        if (changed.Length == 0) return shape(after);
        var state = JsonSerializer.SerializeToNode(shape(after), Json)!.AsObject();
        state[PersonalData.ChangedKey] = new System.Text.Json.Nodes.JsonArray(changed.Select(c => (System.Text.Json.Nodes.JsonNode?)c).ToArray());
        return state;
    }

    /// <summary>The fields kept masked in the audit whose values differ: a technician's phone (its first one, for a new technician).</summary>
    private static string[] MaskedChanges<T>(T? before, T after) =>
        after is Technician a ? PersonalData.Changed(("phone", (before as Technician)?.Phone, a.Phone)) : [];

    /// <summary>Writes one audit line with the states before and after (SEC-3).</summary>
    internal Task AuditAsync(Actor actor, string kind, object id, string action, object? before, object? after, CancellationToken ct, string? comment = null) =>
        audit.RecordAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = clock.GetUtcNow(), User = actor.UserName, EntityKind = kind, EntityId = id.ToString()!, Action = action, Comment = comment,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json), After = after is null ? null : JsonSerializer.Serialize(after, Json),
        }, ct);

    internal static object EnterpriseShape(Enterprise e) => new { name = e.Name, kind = e.Kind.ToString(), status = e.Status.ToString() };
    internal static object PointShape(ServicePoint p) => new
    {
        enterpriseId = p.EnterpriseId, name = p.Name, kind = p.Kind.ToString(), countyCode = p.CountyCode, address = p.Address, openingHours = p.OpeningHours, phone = p.Phone, active = p.Active,
    };
    /// <summary>
    /// The technician as the audit keeps it; the work phone is personal data kept encrypted, so masked to its last four
    /// digits (<see cref="PersonalData"/>; an unsalted hash of a phone number is found again by trying every number).
    /// </summary>
    internal static object TechnicianShape(Technician t) => new
    {
        enterpriseId = t.EnterpriseId, name = t.Name, userName = t.UserName, servicePointId = t.ServicePointId, capabilityLevel = t.CapabilityLevel,
        categories = ProductCategories.Names.Keys.Where(t.Categories.Contains).ToArray(), phone = PersonalData.MaskPhone(t.Phone), active = t.Active,
    };
    internal static object CertificateShape(Certificate c) => new
    {
        number = c.Number, technicianId = c.TechnicianId, productCategory = c.ProductCategory, validFrom = c.ValidFrom, validUntil = c.ValidUntil, scanId = c.ScanId,
    };
    internal static object TrainingShape(TrainingRecord r) => new { technicianId = r.TechnicianId, course = r.Course, day = r.Day, hours = r.Hours, result = r.Result.ToString() };

    internal static string? Text(string? value, string field, int max, bool required, List<Problem> problems)
    {
        if (TextRules.Check(value, field, max, false, required) is { } p) { problems.Add(p); return null; }
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    internal static string? Phone(string? value, string field, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (TextRules.CheckPhone(value.Trim(), field) is { } p) { problems.Add(p); return null; }
        return value.Trim();
    }

    internal static T? Choice<T>(string? value, string field, List<Problem> problems) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) { problems.Add(Problem.Of(TextProblems.ChoiceRequired, field, $"Choose the {field}.")); return null; }
        if (Enum.TryParse<T>(value.Trim(), true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
        problems.Add(Problem.Of(NetworkProblems.KindInvalid, field, $"{value} is not one of the {field}s offered.", ("value", value.Length > 40 ? value[..40] : value)));
        return null;
    }

    /// <summary>A Guangxi county by its code or its name; null (with the problem) when it is none.</summary>
    internal string? County(string? value, string field, List<Problem> problems)
    {
        var v = value?.Trim() ?? "";
        if (v.Length == 0) { problems.Add(Problem.Of(TextProblems.ChoiceRequired, field, "Choose the county.")); return null; }
        var county = divisions.Counties.FirstOrDefault(c => c.Code == v) ?? (divisions.Counties.Count(c => c.Name == v) == 1 ? divisions.Counties.First(c => c.Name == v) : null);
        if (county is null) problems.Add(Problem.Of(NetworkProblems.CountyUnknown, field, $"No Guangxi county is called {v}.", ("value", v.Length > 40 ? v[..40] : v)));
        return county?.Code;
    }

    internal INetworkAdminStore Store => store;
    internal AccessService Access => access;
    internal DateOnly Today => ChinaTime.Today(clock);
}
