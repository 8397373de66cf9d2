using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Domain.Assessment;

/// <summary>
/// The plan's six construction items of an enterprise's build-out (ASM-4), each with the most points the Data Bureau may
/// give it; the points add up to 100 (docs/assessment.md "The build-out evaluation").
/// </summary>
public static class BuildOutItems
{
    /// <summary>服务入口: the service entry (hotline, portal, mailbox) the units reach.</summary>
    public const string Entry = "entry";
    /// <summary>管理制度: the management system (service rules, escalation, complaints, confidentiality).</summary>
    public const string System = "system";
    /// <summary>服务网络覆盖到县: a staffed service point in every county.</summary>
    public const string Network = "network";
    /// <summary>服务平台对接: the enterprise's own platform connected to this one (DAT-2).</summary>
    public const string Platform = "platform";
    /// <summary>培训与持证: trained and certified technicians where the points are.</summary>
    public const string Training = "training";
    /// <summary>知识库: the enterprise's contributions to the knowledge base.</summary>
    public const string Knowledge = "knowledge";

    /// <summary>The items in the plan's order with their most points.</summary>
    public static readonly IReadOnlyList<(string Code, int Max)> All =
        [(Entry, 15), (System, 15), (Network, 25), (Platform, 15), (Training, 15), (Knowledge, 15)];

    public static bool IsItem(string? code) => All.Any(i => i.Code == code);

    public static int MaxOf(string code) => All.First(i => i.Code == code).Max;

    /// <summary>The items the platform's own data measure (the others are judged from the evidence alone).</summary>
    public static bool IsMeasured(string code) => code is Network or Platform or Training or Knowledge;
}

/// <summary>Where an evaluation stands: 自评中 → 已提交 → 已复核 (a returned one is 自评中 again).</summary>
public static class BuildOutStatus
{
    public const string Filling = "filling", Submitted = "submitted", Reviewed = "reviewed";
}

/// <summary>What a build-out result of 基本合格 or worse leads to (ASM-3 for the build-out): a rectification order.</summary>
public static class BuildOutConsequences
{
    public const string Rectify = "rectify";
}

/// <summary>
/// One round of an enterprise's build-out evaluation (ASM-4): opened by the Data Bureau with the date the enterprise was
/// awarded its place (due two months later), filled in by the enterprise's managers, submitted, scored item by item and
/// confirmed or returned by the Data Bureau. The award date lives here, not on the enterprise.
/// </summary>
public sealed class BuildOutEvaluation
{
    public Guid Id { get; set; }
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    /// <summary>1 for the first evaluation; the Data Bureau opens the next round after a reviewed one (e.g. after rectification).</summary>
    public int Round { get; set; } = 1;
    /// <summary>The day the enterprise was awarded its place (中标/入围), China time.</summary>
    public DateOnly AwardedOn { get; set; }
    /// <summary>Two months after the award: the self-assessment is due by then.</summary>
    public DateOnly DueOn { get; set; }
    public string Status { get; set; } = BuildOutStatus.Filling;
    /// <summary>The sum of the Data Bureau's scores, once confirmed.</summary>
    public double? Total { get; set; }
    /// <summary>The result band (<see cref="AssessmentGradeCodes"/>), once confirmed.</summary>
    public string? Grade { get; set; }
    /// <summary>What the result led to (<see cref="BuildOutConsequences"/>), when it did.</summary>
    public string? Consequence { get; set; }
    /// <summary>How many times the Data Bureau returned it.</summary>
    public int Returns { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    /// <summary>The Data Bureau's comment on its last return or confirmation.</summary>
    public string? ReviewComment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>Raised by every change: two changes made at once cannot both land (a double submission is one).</summary>
    public int Version { get; set; }

    /// <summary>Due two months after the award.</summary>
    public static DateOnly DueAfter(DateOnly awardedOn) => awardedOn.AddMonths(2);

    /// <summary>Still being filled in after its due day (China time).</summary>
    public bool OverdueOn(DateOnly today) => Status == BuildOutStatus.Filling && today > DueOn;
}

/// <summary>One construction item of an evaluation: the enterprise's self-assessment and evidence, the measured figures, the Data Bureau's score.</summary>
public sealed class BuildOutItem
{
    /// <summary>Also the case id the item's evidence files are stored under.</summary>
    public Guid Id { get; set; }
    public Guid EvaluationId { get; set; }
    public string Code { get; set; } = "";
    public string? SelfAssessment { get; set; }
    /// <summary>The figures measured at submission (<see cref="BuildOutMeasure"/>, JSON); null before (the page measures live).</summary>
    public string? Measured { get; set; }
    /// <summary>The points the measured figures suggest, at submission.</summary>
    public double? Suggested { get; set; }
    /// <summary>The Data Bureau's points, 0 to the item's most.</summary>
    public double? Score { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>A step in an evaluation's history: who did what to it (and to which item), when.</summary>
public sealed class BuildOutEvent
{
    public Guid Id { get; set; }
    public Guid EvaluationId { get; set; }
    /// <summary>The step's place in the evaluation's history (1, 2, …): steps of the same moment keep their order.</summary>
    public int Seq { get; set; }
    public DateTimeOffset At { get; set; }
    public string? By { get; set; }
    /// <summary><see cref="BuildOutActions"/>.</summary>
    public string Action { get; set; } = "";
    public string? Item { get; set; }
    /// <summary>The comment, the file name, the score: what the step says in a line.</summary>
    public string? Note { get; set; }
}

public static class BuildOutActions
{
    public const string Open = "open", Save = "save", Evidence = "evidence", Submit = "submit", Score = "score", Return = "return", Confirm = "confirm", Rectify = "rectify";
}

/// <summary>What the platform's data say about an enterprise's build-out on a day.</summary>
/// <param name="AsOf">The day (China time) the figures are for.</param>
/// <param name="Counties">Guangxi's counties (the denominator of coverage).</param>
/// <param name="CountiesWithPoint">The counties where the enterprise has a service point.</param>
/// <param name="CountiesStaffed">Those of them with an active technician holding a certificate valid that day at a point there.</param>
/// <param name="ActiveTechnicians">The enterprise's active technicians.</param>
/// <param name="CertifiedTechnicians">Of them, those with a certificate valid that day.</param>
/// <param name="PublishedArticles">The enterprise's knowledge articles published so far.</param>
/// <param name="ActiveKey">Whether the enterprise's own platform holds an API key not revoked.</param>
/// <param name="Batches">The batches its platform reported with at least one record stored.</param>
public sealed record BuildOutFacts(DateOnly AsOf, IReadOnlyList<Division> Counties, IReadOnlyList<string> CountiesWithPoint, IReadOnlyList<string> CountiesStaffed,
    int ActiveTechnicians, int CertifiedTechnicians, int PublishedArticles, bool ActiveKey, int Batches);

/// <summary>A measured figure: a count out of a total (total null for a bare count, 1/0 for yes/no).</summary>
public sealed record BuildOutFigure(string Key, int Value, int? Of);

/// <summary>
/// What the data measure for one item: the figures, the points they suggest (the Data Bureau decides) and, for the
/// network, the counties still without certified staff, by name.
/// </summary>
public sealed record BuildOutMeasure(string Code, double Suggested, IReadOnlyList<BuildOutFigure> Figures, IReadOnlyList<string> Missing);

/// <summary>
/// The build-out evaluation's arithmetic (docs/assessment.md): the points the data suggest for the measured items, the
/// total of the Data Bureau's scores and its band. Pure: the same facts and scores give the same result.
/// </summary>
public static class BuildOutScorer
{
    /// <summary>Published articles that earn the knowledge item's full suggestion.</summary>
    public const int ArticlesForFull = 10;
    /// <summary>The platform item's suggestion: an active key, then reported service data accepted.</summary>
    public const int KeyPoints = 5, DataPoints = 10;
    /// <summary>The bands, as the quarterly model's shipped grades.</summary>
    public const double Excellent = 90, Pass = 75, BasicPass = 60;
    /// <summary>The most counties named as missing.</summary>
    public const int MissingShown = 200;

    /// <summary>The measured items' figures and suggested points.</summary>
    public static IReadOnlyList<BuildOutMeasure> Measure(BuildOutFacts f)
    {
        var staffed = f.CountiesStaffed.ToHashSet(StringComparer.Ordinal);
        var withPoint = f.CountiesWithPoint.ToHashSet(StringComparer.Ordinal);
        var total = f.Counties.Count;
        var staffedAll = f.Counties.Count(c => staffed.Contains(c.Code));
        var pointAll = f.Counties.Count(c => withPoint.Contains(c.Code));
        var staffedOfPoints = f.Counties.Count(c => withPoint.Contains(c.Code) && staffed.Contains(c.Code));
        var missing = f.Counties.Where(c => !staffed.Contains(c.Code)).Select(c => c.Name).Take(MissingShown).ToList();
        return
        [
            new BuildOutMeasure(BuildOutItems.Network, Share(BuildOutItems.MaxOf(BuildOutItems.Network), staffedAll, total),
                [new BuildOutFigure("staffed", staffedAll, total), new BuildOutFigure("withPoint", pointAll, total)], missing),
            new BuildOutMeasure(BuildOutItems.Platform, (f.ActiveKey ? KeyPoints : 0) + (f.Batches > 0 ? DataPoints : 0),
                [new BuildOutFigure("key", f.ActiveKey ? 1 : 0, 1), new BuildOutFigure("batches", f.Batches, null)], []),
            new BuildOutMeasure(BuildOutItems.Training, Share(BuildOutItems.MaxOf(BuildOutItems.Training), staffedOfPoints, pointAll),
                [new BuildOutFigure("staffedOfPoints", staffedOfPoints, pointAll), new BuildOutFigure("certified", f.CertifiedTechnicians, f.ActiveTechnicians)], []),
            new BuildOutMeasure(BuildOutItems.Knowledge, Share(BuildOutItems.MaxOf(BuildOutItems.Knowledge), Math.Min(f.PublishedArticles, ArticlesForFull), ArticlesForFull),
                [new BuildOutFigure("articles", f.PublishedArticles, ArticlesForFull)], []),
        ];
    }

    /// <summary>max × part / whole to one decimal; 0 when there is nothing to count.</summary>
    public static double Share(int max, int part, int whole) => whole <= 0 ? 0 : Math.Round(max * (double)part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>The total of the Data Bureau's scores, to one decimal.</summary>
    public static double Total(IEnumerable<double> scores) => Math.Round(scores.Sum(), 1, MidpointRounding.AwayFromZero);

    /// <summary>The band of a total: 优秀 from 90, 合格 from 75, 基本合格 from 60, else 不合格.</summary>
    public static string GradeOf(double total) =>
        total >= Excellent ? AssessmentGradeCodes.Excellent
        : total >= Pass ? AssessmentGradeCodes.Pass
        : total >= BasicPass ? AssessmentGradeCodes.BasicPass
        : AssessmentGradeCodes.Fail;

    /// <summary>Whether a band calls for the consequences: 基本合格 or worse.</summary>
    public static bool CallsForRectification(string grade) => grade is AssessmentGradeCodes.BasicPass or AssessmentGradeCodes.Fail;

    /// <summary>Whether a score is one the Data Bureau may give an item: 0 to its most, in steps of a tenth.</summary>
    public static bool IsValidScore(string code, double score) =>
        !double.IsNaN(score) && score >= 0 && score <= BuildOutItems.MaxOf(code) && Math.Abs(score * 10 - Math.Round(score * 10)) < 1e-9;
}
