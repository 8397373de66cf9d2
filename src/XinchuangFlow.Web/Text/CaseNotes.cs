using System.Globalization;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Web.Text;

/// <summary>
/// The line under a step of a case's history, in the reader's language. The history keeps the step's kind and its data
/// (channel, grade and why, the dispatch rule, the clock and why its target, the score, who was asked …); the text is
/// written here from them. What people typed (a reason, a comment, a caller's words) is shown as they typed it. A step
/// recorded before its data was kept shows its stored note.
/// </summary>
public static class CaseNotes
{
    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string? Text(string kind, string? note, string? data)
    {
        JsonObject? d = null;
        if (data is { Length: > 1 } && data[0] == '{')
            try { d = JsonNode.Parse(data) as JsonObject; } catch (System.Text.Json.JsonException) { }
        return Text(kind, note, d);
    }

    public static string? Text(string kind, string? note, JsonObject? d)
    {
        string? S(string key) => d?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : d?[key]?.ToJsonString();
        if (d is null) return note;
        switch (kind)
        {
            case "submitted" when S("channel") is { } channel:
                return Format("Note.Submitted", Format("Intake." + channel), S("title"));
            case "graded" when S("explanationZh") is { } zh:
                return English ? S("explanationEn") ?? zh : zh;
            case "dispatched" or "dispatch-manual" when S("ruleZh") is { } rule:
                return English ? S("ruleEn") ?? rule : rule;
            case "dispatched-manual" when S("reason") is { } reason:
                return Format("Note.ManualDispatch", S("technician"), reason);
            case "redispatched" when S("technician") is { } technician:
                return Format("Note.Redispatched", technician, S("reason"));
            case "check-in" when d.ContainsKey("remote"):
                return d["remote"]?.GetValue<bool>() == true ? Format("Note.Remote")
                    : S("location") is { Length: > 0 } place ? Format("Note.CheckIn", place) : Format("Note.CheckInNoPlace");
            case "feedback" when S("satisfaction") is { } score:
                return S("comment") is { Length: > 0 } comment ? Format("Note.FeedbackComment", score, comment) : Format("Note.Feedback", score);
            case "grade-override" when S("to") is { } to:
                return Format("Note.GradeOverride", S("from") ?? "—", to, S("reason"));
            case "complaint" when S("complaint") is { } number:
                return Format("Note.Complaint", number, S("description"));
            case "vendor-requested" when S("vendor") is { } vendor:
                return Format("Note.VendorRequested", vendor, S("note"));
            case "status" when S("step") is { } step && SharedTexts.Find("Note.Step." + step) is not null:
                return Format("Note.Step." + step);
            case "call" when S("note") is { } said:
                return Format("Note.Call", said);
            case "returned" or "published" when d.ContainsKey("comment"):
                return S("comment");
            case "closed" or "reopened" when d.ContainsKey("note"):
                return S("note");
            case "followup-selected" when S("reason") is { } reason:
                return Format("Note.FollowUpReason." + reason);
            case "followup" when d.ContainsKey("reached"):
                if (d["reached"]?.GetValue<bool>() != true) return note is { Length: > 0 } ? Format("Note.FollowUpUnreachedNote", note) : Format("Note.FollowUpUnreached");
                var outcome = Format(d["confirmed"]?.GetValue<bool>() == true ? "Note.FollowUpConfirmed" : "Note.FollowUpNotConfirmed");
                if (S("satisfaction") is { } phone && phone != "null") outcome = Format("Note.FollowUpWithRating", outcome, phone);
                return note is { Length: > 0 } ? $"{outcome}{Format("Note.Separator")}{note}" : outcome;
            case "escalated" when S("percent") is { } percent:
                return Format("Note.Escalated", percent, Format("Clock." + S("clock")));
            case var clock when clock.StartsWith("clock-", StringComparison.Ordinal) && S("clock") is { } name:
                var clockName = Format("Clock." + name);
                return clock is "clock-start" or "clock-resume" && S("targetReason") is { } why
                    ? Format("Note.ClockWhy", clockName, TargetReasons.Text(why)) : clockName;
            default:
                return note;
        }
    }

    private static string Format(string key, params object?[] args) => SharedTexts.Format(key, args);
}
