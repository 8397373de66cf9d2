using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Dispatch;
using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>
/// Grades a request P1–P4 with the grading table (DSP-1) and stores the grade and its explanation in variables.
/// </summary>
[Activity("xf.ticket.Grade", DomainCategories.Ticket, "自动定级", "Grade automatically",
    DescriptionZh = "按定级规则表（产品类别、影响范围、关键词）定级，结果和依据写入变量。",
    DescriptionEn = "Grades by the grading table (category, impact, keywords); grade and reason go to variables.")]
public sealed class GradeActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("productCategory", InputKind.String, "产品类别", "Product category", Required: true),
            new InputDescriptor("impact", InputKind.String, "影响范围", "Impact", Required: true),
            new InputDescriptor("description", InputKind.Text, "问题描述", "Description", Required: true),
            new InputDescriptor("resultVariable", InputKind.VariableName, "结果存入变量", "Store result in", Required: true, ExpressionAllowed: false),
        ],
        ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var impact = context.GetString("impact") ?? "";
        if (!Impacts.All.Contains(impact))
            throw new ActivityInputException(context.Activity.Id, "impact", $"'{impact}' is not one of {string.Join(", ", Impacts.All)}");
        var ticket = await cases.TryTicketAsync(context);
        var (table, set) = await cases.Rules.GradingAsync(ticket?.CityCode);
        var result = table.Grade(new GradingInput(context.GetString("productCategory") ?? "", impact, context.GetString("description") ?? ""));
        if (ticket is not null)
        {
            ticket.Grade = result.Grade;
            ticket.GradeExplanation = result.ExplanationZh;
            CaseSession.SetStatus(context, ticket, TicketStatus.Graded, result.ExplanationZh,
                new JsonObject
                {
                    ["grade"] = result.Grade.Code, ["row"] = result.RowId, ["rules"] = $"{set.Kind}/{set.Scope} v{set.Version}",
                    ["explanationZh"] = result.ExplanationZh, ["explanationEn"] = result.ExplanationEn,
                }, "graded", bySystem: true);
        }
        context.SetVariable(context.GetString("resultVariable")!, new JsonObject
        {
            ["grade"] = result.Grade.Code,
            ["row"] = result.RowId,
            ["explanationZh"] = result.ExplanationZh,
            ["explanationEn"] = result.ExplanationEn,
        });
        context.JournalData("grade", result.Grade.Code);
        context.JournalData("explanation", result.ExplanationZh);
        return ActivityResult.Done("done");
    }
}
