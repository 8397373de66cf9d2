using System.Collections.Frozen;
using System.Globalization;

namespace XinchuangFlow.Domain.Network;

/// <summary>
/// Guangxi's 14 prefecture-level cities and 111 county-level divisions (NET-1), with city centres for distance
/// ordering. "Same city" means the same prefecture-level city (same 4-digit code).
/// </summary>
public sealed class GuangxiDivisions
{
    private readonly FrozenDictionary<string, Division> _byCode;
    private readonly FrozenDictionary<string, CityCentre> _centres;

    private GuangxiDivisions(IReadOnlyList<Division> divisions, IReadOnlyList<CityCentre> centres)
    {
        _byCode = divisions.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);
        _centres = centres.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
        Cities = divisions.Where(d => d.Level == DivisionLevel.City).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
        Counties = divisions.Where(d => d.Level == DivisionLevel.County).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
        var problems = Counties.Where(c => !_byCode.TryGetValue(c.ParentCode, out var p) || p.Level != DivisionLevel.City || !c.Code.StartsWith(c.ParentCode, StringComparison.Ordinal))
            .Select(c => c.Code).Concat(Cities.Where(c => !_centres.ContainsKey(c.Code)).Select(c => c.Code + " (no centre)")).ToList();
        if (problems.Count > 0) throw new InvalidDataException("Reference data is inconsistent: " + string.Join(", ", problems));
    }

    /// <summary>The data shipped with the platform (embedded in this assembly).</summary>
    public static GuangxiDivisions Shipped { get; } =
        Load(Resource("guangxi-divisions.csv"), Resource("guangxi-cities-centroids.csv"), Resource("guangxi-county-centres.csv"));

    public IReadOnlyList<Division> Cities { get; }
    public IReadOnlyList<Division> Counties { get; }

    public Division? Find(string code) => _byCode.GetValueOrDefault(code);

    public IReadOnlyList<Division> CountiesOf(string cityCode) => Counties.Where(c => c.ParentCode == cityCode).ToList();

    /// <summary>The city a city or county code belongs to; null for an unknown code.</summary>
    public Division? CityOf(string code) => Find(code) is { } d ? _byCode[d.CityCode] : null;

    /// <summary>True when both codes are in the same prefecture-level city.</summary>
    public bool SameCity(string codeA, string codeB) =>
        CityOf(codeA) is { } a && CityOf(codeB) is { } b && a.Code == b.Code;

    /// <summary>Great-circle distance in km between two cities' centres.</summary>
    public double DistanceKm(string cityA, string cityB)
    {
        var a = _centres[CityOf(cityA)?.Code ?? throw new ArgumentException($"Unknown division {cityA}.")];
        var b = _centres[CityOf(cityB)?.Code ?? throw new ArgumentException($"Unknown division {cityB}.")];
        return Haversine(a.Latitude, a.Longitude, b.Latitude, b.Longitude);
    }

    /// <summary>The other cities, nearest first (for "then the nearest other city" in dispatch).</summary>
    public IReadOnlyList<Division> OtherCitiesByDistance(string code)
    {
        var city = CityOf(code) ?? throw new ArgumentException($"Unknown division {code}.");
        return Cities.Where(c => c.Code != city.Code).OrderBy(c => DistanceKm(city.Code, c.Code)).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Great-circle distance in km from a point to the centre of a county (or of a city when the county's centre is
    /// not known); null for an unknown code.
    /// </summary>
    public double? DistanceToCentreKm(string code, double latitude, double longitude)
    {
        var centre = _centres.GetValueOrDefault(code) ?? (CityOf(code) is { } city ? _centres.GetValueOrDefault(city.Code) : null);
        return centre is null ? null : Haversine(centre.Latitude, centre.Longitude, latitude, longitude);
    }

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double r = 6371.0;
        double Rad(double deg) => deg * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * r * Math.Asin(Math.Sqrt(h));
    }

    /// <summary>Parses the CSV files: divisions, then centre points of cities and (optionally) counties (header line first; UTF-8).</summary>
    public static GuangxiDivisions Load(string divisionsCsv, string centresCsv, string? countyCentresCsv = null)
    {
        var divisions = Rows(divisionsCsv, 4).Select(f => new Division(f[1], f[2], f[0] switch
        {
            "city" => DivisionLevel.City,
            "county" => DivisionLevel.County,
            var other => throw new InvalidDataException($"Unknown division level '{other}'."),
        }, f[3])).ToList();
        var centres = Rows(centresCsv, 4).Concat(countyCentresCsv is null ? [] : Rows(countyCentresCsv, 4)).Select(f => new CityCentre(f[0],
            double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture))).ToList();
        return new GuangxiDivisions(divisions, centres);
    }

    private static IEnumerable<string[]> Rows(string csv, int fields) =>
        csv.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split(',');
            return f.Length == fields ? f : throw new InvalidDataException($"Line '{l}' has {f.Length} fields, expected {fields}.");
        });

    private static string Resource(string name)
    {
        using var stream = typeof(GuangxiDivisions).Assembly.GetManifestResourceStream("XinchuangFlow.Domain." + name)
                           ?? throw new InvalidOperationException($"Embedded reference data {name} is missing.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
