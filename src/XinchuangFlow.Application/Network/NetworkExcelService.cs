using System.Globalization;
using MiniExcelLibs;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Time;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Network;

/// <summary>What became of one row of an imported workbook.</summary>
public enum ImportOutcome { Created, Updated, Unchanged, Rejected }

/// <summary>One row of the import report: the sheet (<see cref="NetworkWorkbook"/> sheet keys), the row as Excel numbers it, its key, what became of it and why.</summary>
public sealed record ImportRow(string Sheet, int Row, string Key, ImportOutcome Outcome, IReadOnlyList<Problem> Problems);

/// <summary>The row-by-row report of an import: the valid rows were applied together, the rejected ones not at all.</summary>
public sealed record ImportReport(IReadOnlyList<ImportRow> Rows)
{
    public int Count(ImportOutcome outcome) => Rows.Count(r => r.Outcome == outcome);
}

/// <summary>
/// The workbook an enterprise exports and imports (NET-2/3): three sheets with Chinese headers. Required columns are
/// marked in <c>docs/network.md</c>; a blank optional cell keeps what is stored.
/// </summary>
public static class NetworkWorkbook
{
    public const string Points = "points";
    public const string Technicians = "technicians";
    public const string Certificates = "certificates";

    public static readonly IReadOnlyDictionary<string, string> SheetNames = new Dictionary<string, string>
    {
        [Points] = "服务网点", [Technicians] = "技术人员", [Certificates] = "证书",
    };

    public static readonly string[] PointColumns = ["网点名称", "区县", "类型", "地址", "营业时间", "电话"];
    public static readonly string[] TechnicianColumns = ["姓名", "登录账号", "服务网点", "网点区县", "能力等级", "服务产品类别", "电话", "证书编号", "证书类别", "证书生效日期", "证书到期日期"];
    public static readonly string[] CertificateColumns = ["证书编号", "登录账号", "产品类别", "生效日期", "到期日期"];

    /// <summary>The columns a sheet cannot do without.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>
    {
        [Points] = ["网点名称", "区县", "类型"], [Technicians] = ["姓名", "登录账号", "服务网点", "能力等级"], [Certificates] = ["证书编号", "登录账号", "产品类别", "生效日期", "到期日期"],
    };

    public static readonly IReadOnlyDictionary<ServicePointKind, string> KindNames = new Dictionary<ServicePointKind, string>
    {
        [ServicePointKind.OwnOutlet] = "自有网点", [ServicePointKind.SharedResource] = "共享售后资源", [ServicePointKind.OutsourcedRepair] = "外包维修",
    };
}

/// <summary>
/// Excel export and import of an enterprise's service points, technicians and certificates (NET-2/3). The import checks
/// every row, applies the valid ones in one transaction and reports each row (created, updated, unchanged, rejected and
/// why); the keys — a point's name and county, a technician's login, a certificate's number — make the same file
/// imported twice change nothing.
/// </summary>
/// <summary>An enterprise's network as a workbook, with the name to save it under.</summary>
public sealed record NetworkExport(byte[] Content, string FileName);

public sealed class NetworkExcelService(NetworkAdminService admin, GuangxiDivisions divisions, TimeProvider clock)
{
    /// <summary>"network-南宁八桂数智服务有限公司-20261204.xlsx": whose network, exported which day (China time), as the dashboard's exports are named.</summary>
    public static string FileName(string enterprise, DateOnly day)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var name = new string(enterprise.Where(c => !invalid.Contains(c) && !char.IsControl(c)).ToArray()).Trim();
        return string.Create(CultureInfo.InvariantCulture, $"network-{(name.Length == 0 ? "enterprise" : name)}-{day:yyyyMMdd}.xlsx");
    }

    /// <summary>The largest workbook an import takes.</summary>
    public const long MaxImportBytes = 5 * 1024 * 1024;

    /// <summary>
    /// The refusal of a workbook larger than <see cref="MaxImportBytes"/>: what the import throws once it has read past the
    /// limit, and what the web layer answers before reading a request that says it is larger. It stands for a 413, so its
    /// code is the problem's own (a client tells it from the workbook's contents being invalid).
    /// </summary>
    public static InvalidInputException TooLarge() =>
        new([Problem.Of(NetworkProblems.ImportTooLarge, "file", $"The workbook is larger than {MaxImportBytes / 1024 / 1024} MB.", ("max", (int)(MaxImportBytes / 1024 / 1024)))],
            NetworkProblems.ImportTooLarge);
    public const int MaxRows = 5000;

    public async Task<NetworkExport> ExportAsync(Actor actor, Guid enterpriseId, CancellationToken ct = default)
    {
        var view = await admin.ViewAsync(actor, enterpriseId, ct);
        var points = view.Points.ToDictionary(p => p.Id);
        var logins = view.Technicians.ToDictionary(t => t.Id, t => t.UserName);
        var sheets = new Dictionary<string, object>
        {
            [NetworkWorkbook.SheetNames[NetworkWorkbook.Points]] = view.Points.Select(p => Row(NetworkWorkbook.PointColumns,
                p.Name, CountyName(p.CountyCode), NetworkWorkbook.KindNames[p.Kind], p.Address, p.OpeningHours, p.Phone)).ToList(),
            [NetworkWorkbook.SheetNames[NetworkWorkbook.Technicians]] = view.Technicians.Select(t => Row(NetworkWorkbook.TechnicianColumns,
                t.Name, t.UserName, points.GetValueOrDefault(t.ServicePointId)?.Name, points.TryGetValue(t.ServicePointId, out var p) ? CountyName(p.CountyCode) : null,
                t.CapabilityLevel, string.Join("、", t.Categories.Select(c => ProductCategories.Names.GetValueOrDefault(c, c))), t.Phone, null, null, null, null)).ToList(),
            [NetworkWorkbook.SheetNames[NetworkWorkbook.Certificates]] = view.Certificates.SelectMany(g => g).Select(c => Row(NetworkWorkbook.CertificateColumns,
                c.Number, logins.GetValueOrDefault(c.TechnicianId), ProductCategories.Names.GetValueOrDefault(c.ProductCategory, c.ProductCategory),
                c.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList(),
        };
        using var output = new MemoryStream();
        await Task.Run(() => MiniExcel.SaveAs(output, sheets, excelType: ExcelType.XLSX), ct);
        return new NetworkExport(output.ToArray(), FileName(view.Enterprise.Name, ChinaTime.Today(clock)));
    }

    private static Dictionary<string, object?> Row(string[] columns, params object?[] values)
    {
        var row = new Dictionary<string, object?>();
        for (var i = 0; i < columns.Length; i++) row[columns[i]] = values[i];
        return row;
    }

    private string CountyName(string code) => divisions.Find(code)?.Name ?? code;

    /// <summary>Reads a workbook (at most <see cref="MaxImportBytes"/>) and applies its valid rows; the report lists every row.</summary>
    public async Task<ImportReport> ImportAsync(Actor actor, Guid enterpriseId, Stream content, CancellationToken ct = default)
    {
        admin.Access.EnsureMayManageNetwork(actor, enterpriseId, "import the service network");
        var bytes = await ReadLimitedAsync(content, ct);
        var sheets = Read(bytes);
        var stored = await admin.Store.BookAsync(enterpriseId, ct) ?? throw new NotFoundException(Problem.Of(AccessProblems.NotFound, null, "The enterprise does not exist.", ("what", "enterprise"), ("id", enterpriseId)));
        var book = new Working(stored);
        var report = new List<ImportRow>();
        var changes = new NetworkChanges();
        var audits = new List<(string Kind, object Id, string Action, object? Before, object After)>();

        foreach (var (row, cells) in sheets.GetValueOrDefault(NetworkWorkbook.Points) ?? [])
        {
            var input = new ServicePointInput(Cell(cells, "网点名称"), PointKind(Cell(cells, "类型")), Cell(cells, "区县"),
                Cell(cells, "地址"), Cell(cells, "营业时间"), Cell(cells, "电话"));
            var problems = new List<Problem>();
            var county = admin.County(input.CountyCode, "区县", []);
            var before = county is null ? null : book.Points.FirstOrDefault(p => p.CountyCode == county && p.Name == input.Name?.Trim());
            input = input with
            {
                Address = input.Address ?? before?.Address, OpeningHours = input.OpeningHours ?? before?.OpeningHours, Phone = input.Phone ?? before?.Phone,
            };
            var key = $"{input.Name?.Trim()} · {(county is null ? input.CountyCode : CountyName(county))}";
            if (!book.SeenKeys.Add("p:" + key)) problems.Add(Duplicate(key, row, book));
            var checks = new List<Problem>();
            var after = problems.Count == 0 ? admin.CheckPoint(input, book.Snapshot(), before, checks) : null;
            problems.AddRange(checks.Select(p => Column(p, false, NetworkWorkbook.Points)));
            report.Add(Record(NetworkWorkbook.Points, row, key, before, after, problems, NetworkAdminService.PointShape, NetworkAdminService.PointKind, changes, audits,
                a => book.Put(a)));
            book.Rows.TryAdd(key, row);
        }

        foreach (var (row, cells) in sheets.GetValueOrDefault(NetworkWorkbook.Technicians) ?? [])
        {
            var problems = new List<Problem>();
            var login = Cell(cells, "登录账号");
            var key = login ?? "";
            var before = login is null ? null : book.Technicians.FirstOrDefault(t => string.Equals(t.UserName, login, StringComparison.OrdinalIgnoreCase));
            if (login is not null && !book.SeenKeys.Add("t:" + login.ToLowerInvariant())) problems.Add(Duplicate(key, row, book));
            book.Rows.TryAdd("t:" + key, row);
            var pointName = Cell(cells, "服务网点");
            var pointCounty = Cell(cells, "网点区县") is { } pc ? admin.County(pc, "网点区县", problems) : null;
            var matching = book.Points.Where(p => p.Active && p.Name == pointName && (pointCounty is null || p.CountyCode == pointCounty)).ToList();
            Guid? pointId = matching.Count == 1 ? matching[0].Id : null;
            if (pointName is not null && matching.Count != 1 && problems.All(p => p.Field != "网点区县"))
                problems.Add(Problem.Of(NetworkProblems.PointUnknown, "服务网点", $"The enterprise has no (single) active service point called {pointName}.", ("value", pointName)));
            var level = Level(Cell(cells, "能力等级"));
            var categories = Categories(Cell(cells, "服务产品类别"), problems, "服务产品类别");
            var input = new TechnicianInput(Cell(cells, "姓名"), login, pointId ?? (pointName is null ? null : Guid.Empty), level,
                categories ?? before?.Categories, Cell(cells, "电话") ?? before?.Phone);
            Technician? after = null;
            if (problems.Count == 0 || problems.All(p => p.Field is "服务网点" or "网点区县" or "服务产品类别"))
            {
                var check = new List<Problem>();
                after = await admin.CheckTechnicianAsync(input, book.Snapshot(), before, check, ct);
                // The point's problem is already said by its column; the rest by their columns.
                problems.AddRange(check.Where(p => !(p.Field == "servicePointId" && problems.Any(q => q.Field is "服务网点" or "网点区县"))).Select(Column));
                if (problems.Count > 0) after = null;
            }

            // The certificate on the same row, when its columns are filled: the row is applied whole or not at all.
            (Certificate? Before, Certificate? After) certificate = (null, null);
            var number = Cell(cells, "证书编号");
            var certCells = new[] { number, Cell(cells, "证书类别"), Cell(cells, "证书生效日期"), Cell(cells, "证书到期日期") };
            if (certCells.Any(c => c is not null))
            {
                var from = Date(cells, "证书生效日期", problems);
                var until = Date(cells, "证书到期日期", problems);
                var category = Category(Cell(cells, "证书类别"));
                if (number is not null && !book.SeenKeys.Add("c:" + number)) problems.Add(Duplicate(number, row, book));
                if (number is not null) book.Rows.TryAdd("c:" + number, row);
                if (after is not null && problems.Count == 0)
                {
                    var snapshot = book.Snapshot(after);
                    var check = new List<Problem>();
                    certificate = await admin.CheckCertificateAsync(number, new CertificateInput(after.Id, category, from, until), snapshot, check, ct);
                    problems.AddRange(check.Select(p => Column(p, certificate: true)));
                }
            }
            if (problems.Count > 0)
            {
                report.Add(new ImportRow(NetworkWorkbook.Technicians, row, key, ImportOutcome.Rejected, problems));
                continue;
            }
            var outcome = Record(NetworkWorkbook.Technicians, row, key, before, after, problems, NetworkAdminService.TechnicianShape, NetworkAdminService.TechnicianKind,
                changes, audits, a => book.Put(a));
            if (certificate.After is { } c)
            {
                var certificateChanges = NetworkAdminService.Replace(certificate.Before, c);
                if (!certificateChanges.IsEmpty)
                {
                    Merge(changes, certificateChanges);
                    audits.Add((NetworkAdminService.CertificateKind, c.Number!, certificate.Before is null ? "import-create" : "import-update",
                        certificate.Before is null ? null : NetworkAdminService.CertificateShape(certificate.Before), NetworkAdminService.CertificateShape(c)));
                    book.Put(c, certificate.Before);
                    if (outcome.Outcome == ImportOutcome.Unchanged) outcome = outcome with { Outcome = ImportOutcome.Updated };
                }
            }
            report.Add(outcome);
        }

        foreach (var (row, cells) in sheets.GetValueOrDefault(NetworkWorkbook.Certificates) ?? [])
        {
            var problems = new List<Problem>();
            var number = Cell(cells, "证书编号");
            var key = number ?? "";
            if (number is not null && !book.SeenKeys.Add("c:" + number)) problems.Add(Duplicate(key, row, book));
            book.Rows.TryAdd("c:" + key, row);
            var login = Cell(cells, "登录账号");
            var technician = login is null ? null : book.Technicians.FirstOrDefault(t => string.Equals(t.UserName, login, StringComparison.OrdinalIgnoreCase));
            if (login is not null && technician is null)
                problems.Add(Problem.Of(NetworkProblems.TechnicianUnknown, "登录账号", $"The enterprise has no technician signing in as {login}.", ("value", login)));
            var from = Date(cells, "生效日期", problems);
            var until = Date(cells, "到期日期", problems);
            (Certificate? Before, Certificate? After) certificate = (null, null);
            if (problems.Count == 0)
            {
                var check = new List<Problem>();
                certificate = await admin.CheckCertificateAsync(number, new CertificateInput(technician?.Id, Category(Cell(cells, "产品类别")), from, until), book.Snapshot(), check, ct);
                problems.AddRange(check.Select(p => Column(p, certificate: true, sheet: NetworkWorkbook.Certificates)));
            }
            if (problems.Count > 0 || certificate.After is not { } c)
            {
                report.Add(new ImportRow(NetworkWorkbook.Certificates, row, key, ImportOutcome.Rejected, problems));
                continue;
            }
            var certificateChanges = NetworkAdminService.Replace(certificate.Before, c);
            if (certificateChanges.IsEmpty)
            {
                report.Add(new ImportRow(NetworkWorkbook.Certificates, row, key, ImportOutcome.Unchanged, []));
                continue;
            }
            Merge(changes, certificateChanges);
            audits.Add((NetworkAdminService.CertificateKind, c.Number!, certificate.Before is null ? "import-create" : "import-update",
                certificate.Before is null ? null : NetworkAdminService.CertificateShape(certificate.Before), NetworkAdminService.CertificateShape(c)));
            book.Put(c, certificate.Before);
            report.Add(new ImportRow(NetworkWorkbook.Certificates, row, key, certificate.Before is null ? ImportOutcome.Created : ImportOutcome.Updated, []));
        }

        if (report.Count == 0) throw new InvalidInputException(Problem.Of(NetworkProblems.ImportEmpty, "file", "None of the sheets has a row to import."));
        if (!changes.IsEmpty)
        {
            await admin.Store.ApplyAsync(changes, ct);
            foreach (var (kind, id, action, before, after) in audits)
                await admin.AuditAsync(actor, kind, id, action, before, after, ct, comment: "Excel");
        }
        return new ImportReport(report);
    }

    private static void Merge(NetworkChanges into, NetworkChanges from)
    {
        into.Removed.AddRange(from.Removed);
        into.Added.AddRange(from.Added);
        into.Updated.AddRange(from.Updated);
    }

    private static ImportRow Record<T>(string sheet, int row, string key, T? before, T? after, List<Problem> problems, Func<T, object> shape, string kind,
        NetworkChanges changes, List<(string, object, string, object?, object)> audits, Action<T> put) where T : class
    {
        if (after is null || problems.Count > 0) return new ImportRow(sheet, row, key, ImportOutcome.Rejected, problems);
        if (before is not null && NetworkAdminService.Unchanged(before, after, shape))
            return new ImportRow(sheet, row, key, ImportOutcome.Unchanged, []);
        (before is null ? changes.Added : changes.Updated).Add(after);
        var id = after switch { ServicePoint p => (object)p.Id, Technician t => t.Id, _ => key };
        audits.Add((kind, id, before is null ? "import-create" : "import-update", before is null ? null : shape(before), NetworkAdminService.AuditedAfter(before, after, shape)));
        put(after);
        return new ImportRow(sheet, row, key, before is null ? ImportOutcome.Created : ImportOutcome.Updated, []);
    }

    private static Problem Duplicate(string key, int row, Working book) =>
        Problem.Of(NetworkProblems.ImportDuplicate, null, $"{key} already appears on an earlier row.", ("key", key), ("row", book.FirstRowOf(key) ?? row));

    /// <summary>A problem of the service named after the workbook's column.</summary>
    private static Problem Column(Problem p) => Column(p, false);

    private static Problem Column(Problem p, bool certificate, string sheet = NetworkWorkbook.Technicians)
    {
        var field = (sheet, p.Field) switch
        {
            (NetworkWorkbook.Certificates, "number") => "证书编号",
            (NetworkWorkbook.Certificates, "technicianId") => "登录账号",
            (NetworkWorkbook.Certificates, "productCategory") => "产品类别",
            (NetworkWorkbook.Certificates, "validFrom") => "生效日期",
            (NetworkWorkbook.Certificates, "validUntil") => "到期日期",
            (NetworkWorkbook.Points, "name") => "网点名称",
            (NetworkWorkbook.Points, "kind") => "类型",
            (NetworkWorkbook.Points, "countyCode") => "区县",
            (NetworkWorkbook.Points, "address") => "地址",
            (NetworkWorkbook.Points, "openingHours") => "营业时间",
            (_, "number") => "证书编号",
            (_, "productCategory") => "证书类别",
            (_, "validFrom") => "证书生效日期",
            (_, "validUntil") => "证书到期日期",
            (_, "name") => "姓名",
            (_, "userName") => "登录账号",
            (_, "servicePointId") => "服务网点",
            (_, "capabilityLevel") => "能力等级",
            (_, "categories") => "服务产品类别",
            (_, "phone") => "电话",
            _ => p.Field,
        };
        return p with { Field = field, Args = p.Args is null ? null : new Dictionary<string, object?>(p.Args) { ["field"] = field } };
    }

    // ---- reading cells ----------------------------------------------------------------------------------------------

    private static async Task<byte[]> ReadLimitedAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxImportBytes) throw TooLarge();
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>The known sheets' rows (Excel's row numbers) with their cells by header; a file that is no workbook, or a sheet without a required column, is refused whole.</summary>
    private static Dictionary<string, List<(int Row, IDictionary<string, object?> Cells)>> Read(byte[] bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0x50 || bytes[1] != 0x4B)
            throw new InvalidInputException(Problem.Of(NetworkProblems.ImportUnreadable, "file", "The file is not an Excel workbook (.xlsx)."));
        var result = new Dictionary<string, List<(int, IDictionary<string, object?>)>>();
        try
        {
            using var stream = new MemoryStream(bytes);
            var names = MiniExcel.GetSheetNames(stream);
            var total = 0;
            foreach (var (sheet, name) in NetworkWorkbook.SheetNames)
            {
                if (!names.Contains(name)) continue;
                stream.Position = 0;
                var headers = MiniExcel.GetColumns(stream, useHeaderRow: true, sheetName: name)?.Select(h => h?.Trim()).ToHashSet() ?? [];
                foreach (var column in NetworkWorkbook.Required[sheet].Where(c => !headers.Contains(c)))
                    throw new InvalidInputException(Problem.Of(NetworkProblems.ImportColumnMissing, "file", $"The sheet {name} has no column {column}.", ("sheet", name), ("column", column)));
                stream.Position = 0;
                var rows = new List<(int, IDictionary<string, object?>)>();
                var number = 1;
                foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: true, sheetName: name))
                {
                    number++;
                    var cells = row.ToDictionary(kv => kv.Key.Trim(), kv => kv.Value);
                    if (cells.Values.All(v => v is null || (v is string s && string.IsNullOrWhiteSpace(s)))) continue;
                    if (++total > MaxRows)
                        throw new InvalidInputException(Problem.Of(NetworkProblems.ImportTooManyRows, "file", $"One import takes at most {MaxRows} rows.", ("max", MaxRows)));
                    rows.Add((number, cells));
                }
                result[sheet] = rows;
            }
        }
        catch (XfException) { throw; }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidInputException(Problem.Of(NetworkProblems.ImportUnreadable, "file", "The file is not an Excel workbook (.xlsx)."));
        }
        return result;
    }

    private static string? Cell(IDictionary<string, object?> cells, string column) => cells.TryGetValue(column, out var v) ? v switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } text ? text : null,
    } : null;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"];

    private static DateOnly? Date(IDictionary<string, object?> cells, string column, List<Problem> problems)
    {
        if (!cells.TryGetValue(column, out var v) || v is null || v is string { Length: 0 }) return null;
        switch (v)
        {
            case DateTime t: return DateOnly.FromDateTime(t);
            case double d when d is > 1 and < 2958466: return DateOnly.FromDateTime(DateTime.FromOADate(d));
        }
        var text = Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() ?? "";
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt) && text.Length >= 8) return DateOnly.FromDateTime(dt);
        problems.Add(Problem.Of(NetworkProblems.DateInvalid, column, $"{text} is not a date (yyyy-mm-dd).", ("value", text.Length > 40 ? text[..40] : text)));
        return null;
    }

    private static int? Level(string? text) =>
        text is null ? null : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && d is >= -100 and <= 100 ? (int)d : 0;

    private static string? PointKind(string? text) =>
        text is null ? null : NetworkWorkbook.KindNames.FirstOrDefault(k => k.Value == text).Value is not null ? NetworkWorkbook.KindNames.First(k => k.Value == text).Key.ToString() : text;

    /// <summary>A category's code from its Chinese name or code (unknown text is passed on, for the check to name it).</summary>
    private static string? Category(string? text) =>
        text is null ? null : ProductCategories.Names.FirstOrDefault(kv => kv.Value == text || kv.Key == text).Key ?? text;

    private static string[]? Categories(string? text, List<Problem> problems, string column)
    {
        if (text is null) return null;
        var parts = text.Split(['、', ',', '，', ';', '；', '/', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var codes = new List<string>();
        foreach (var part in parts)
        {
            var code = Category(part)!;
            if (!ProductCategories.IsKnown(code)) problems.Add(Problem.Of(NetworkProblems.CategoryUnknown, column, $"{part} is not a product category.", ("value", part.Length > 40 ? part[..40] : part)));
            else codes.Add(code);
        }
        return codes.ToArray();
    }

    /// <summary>The enterprise's network as the import goes: stored rows plus the rows accepted so far.</summary>
    private sealed class Working(NetworkBook stored)
    {
        public List<ServicePoint> Points { get; } = stored.Points.ToList();
        public List<Technician> Technicians { get; } = stored.Technicians.ToList();
        public List<Certificate> Certificates { get; } = stored.Certificates.ToList();
        public HashSet<string> SeenKeys { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Rows { get; } = new(StringComparer.Ordinal);

        public int? FirstRowOf(string key) =>
            Rows.TryGetValue(key, out var r) || Rows.TryGetValue("t:" + key, out r) || Rows.TryGetValue("c:" + key, out r) ? r : null;

        public NetworkBook Snapshot(Technician? extra = null) => new(stored.Enterprise, Points.ToList(),
            extra is null ? Technicians.ToList() : Technicians.Where(t => t.Id != extra.Id).Append(extra).ToList(), Certificates.ToList(), stored.Training);

        public void Put<T>(T row) where T : class
        {
            switch (row)
            {
                case ServicePoint p: Points.RemoveAll(x => x.Id == p.Id); Points.Add(p); break;
                case Technician t: Technicians.RemoveAll(x => x.Id == t.Id); Technicians.Add(t); break;
            }
        }

        public void Put(Certificate after, Certificate? before)
        {
            if (before is not null) Certificates.Remove(before);
            Certificates.Add(after);
        }
    }
}
