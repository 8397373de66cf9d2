using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Application.Exchange;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// Issue 23: the hand-written schema test only ever saves work — every batch it passes, the exchange schema passes too —
/// and it passes the ordinary batches (else it would save nothing).
/// </summary>
public sealed class ExchangeSchemaQuickTests
{
    private const string Enterprise = "0195a000-0000-7000-8000-0000000000e1";

    private static JsonObject Ticket() => new()
    {
        ["type"] = "ticket", ["enterprise"] = Enterprise, ["externalId"] = "WO-1", ["createdAt"] = "2026-11-30T09:00:00+08:00", ["channel"] = "hotline",
        ["procurementUnit"] = "南宁市测试局", ["contactName"] = "李四", ["contactPhone"] = "13800000000", ["cityCode"] = "4501", ["countyCode"] = "450102",
        ["productCategory"] = "peripheral", ["vendor"] = "v", ["model"] = "m", ["cpu"] = "c", ["os"] = "o", ["title"] = "打印机卡纸", ["description"] = "", ["impact"] = "unit",
    };

    private static JsonObject Event(string kind, int sequence = 1)
    {
        var e = new JsonObject { ["type"] = "event", ["enterprise"] = Enterprise, ["externalId"] = "WO-1", ["sequence"] = sequence, ["at"] = "2026-11-30T01:00:00Z", ["kind"] = kind };
        switch (kind)
        {
            case "graded": e["grade"] = "P2"; break;
            case "dispatched": (e["technician"], e["servicePointCounty"]) = ("王工", "450102"); break;
            case "paused": e["reason"] = "user"; break;
            case "resolved": e["resolution"] = "清理卡纸"; break;
            case "feedback": (e["satisfaction"], e["comment"]) = (4, "好"); break;
        }
        return e;
    }

    private static readonly string[] Kinds =
        ["graded", "dispatched", "accepted", "set-out", "checked-in", "remote", "paused", "resumed", "resolved", "feedback", "reopened", "closed", "cancelled", "complaint", "complaint-closed"];

    private static JsonObject Batch(params JsonNode[] records) => new() { ["standard"] = "v1", ["records"] = new JsonArray(records) };

    private static JsonElement Parse(JsonNode batch) => JsonDocument.Parse(batch.ToJsonString()).RootElement;

    /// <summary>Ordinary batches and variants: each alone, in a batch with a valid ticket.</summary>
    public static IEnumerable<object[]> Variants()
    {
        var cases = new List<(string, JsonNode)>();
        cases.Add(("ticket", Batch(Ticket())));
        cases.Add(("every kind", Batch([Ticket(), .. Kinds.Select((k, i) => (JsonNode)Event(k, i + 1))])));
        cases.Add(("atomic", new JsonObject { ["standard"] = "v1", ["atomic"] = true, ["records"] = new JsonArray(Ticket()) }));
        void Ticketed(string name, Action<JsonObject> change) { var t = Ticket(); change(t); cases.Add((name, Batch(t))); }
        void Evented(string name, string kind, Action<JsonObject> change) { var e = Event(kind); change(e); cases.Add((name, Batch(Ticket(), e))); }
        foreach (var time in new[]
        {
            "2026-11-30T09:00:00Z", "2026-11-30T09:00:00.1Z", "2026-11-30T09:00:00.1234567+08:00", "2026-11-30T09:00:00.12345678Z", "2026-11-30T09:00+08:00",
            "2026-02-29T09:00:00Z", "2024-02-29T09:00:00Z", "2026-13-01T09:00:00Z", "2026-11-31T09:00:00Z", "2026-11-30T24:00:00Z", "2026-11-30T23:59:60Z",
            "2026-11-30T09:00:00z", "2026-11-30t09:00:00Z", "2026-11-30 09:00:00Z", "2026-11-30T09:00:00-00:00", "2026-11-30T09:00:00+23:59", "2026-11-30T09:00:00+24:00",
            "0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-30T09:00:00", "2026-11-30T09:00:00+0800", "２026-11-30T09:00:00Z", "2026-11-30T09:00:00Z\n",
        })
        {
            Ticketed($"createdAt {time}", t => t["createdAt"] = time);
            Evented($"at {time}", "accepted", e => e["at"] = time);
        }
        foreach (var id in new[] { "A", "a.b_c:d/e-f", "-A", "A B", "Ａ1", "", new string('x', 100), new string('x', 101), "WO-1\n", "é" })
            Ticketed($"externalId {id}", t => t["externalId"] = id);
        foreach (var e in new[] { Enterprise.ToUpperInvariant(), "ffffffff-ffff-ffff-ffff-ffffffffffff", "00000000-0000-0000-0000-000000000000", "0195a000000070008000-0000000000e1", Enterprise + "0", "{" + Enterprise + "}", "0195a000-0000-7000-8000-0000000000eg" })
            Ticketed($"enterprise {e}", t => t["enterprise"] = e);
        foreach (var code in new[] { "4501", "450", "45011", "4601", "45０1", "4501\n" }) Ticketed($"cityCode {code}", t => t["cityCode"] = code);
        foreach (var code in new[] { "450102", "45010", "4501022", "460102", "4501０2" }) Ticketed($"countyCode {code}", t => t["countyCode"] = code);
        foreach (var (field, text) in new[] { ("title", ""), ("title", new string('题', 200)), ("title", new string('题', 201)), ("title", string.Concat(Enumerable.Repeat("😀", 150))),
                     ("procurementUnit", ""), ("contactPhone", new string('1', 40)), ("contactPhone", new string('1', 41)), ("description", new string('d', 10_000)), ("description", new string('d', 10_001)),
                     ("vendor", new string('v', 201)), ("contactName", "") })
            Ticketed($"{field} of {text.Length}", t => t[field] = text);
        Ticketed("channel fax", t => t["channel"] = "fax");
        Ticketed("category number", t => t["productCategory"] = 3);
        Ticketed("impact none", t => t["impact"] = "none");
        Ticketed("title null", t => t["title"] = null);
        Ticketed("extra member", t => t["extra"] = 1);
        Ticketed("no title", t => t.Remove("title"));
        Ticketed("no enterprise", t => t.Remove("enterprise"));
        Ticketed("no externalId", t => t.Remove("externalId"));
        Ticketed("type other", t => t["type"] = "other");
        Ticketed("event member on a ticket", t => t["sequence"] = 1);
        foreach (var (seq, name) in new JsonNode?[] { 1, 100_000, 0, 100_001, 1.0, 1.5, -1, "1", null }.Select((v, i) => (v, $"#{i} {v?.ToJsonString() ?? "null"}")))   // 1 and 1.0 print alike: the index keeps each case
            Evented($"sequence {name}", "accepted", e => e["sequence"] = seq?.DeepClone());
        foreach (var kind in Kinds)
        {
            var required = Event(kind).Select(p => p.Key).Except(["type", "enterprise", "externalId", "sequence", "at", "kind", "comment"]).ToList();
            foreach (var member in required) Evented($"{kind} without {member}", kind, e => e.Remove(member));
        }
        Evented("kind teleported", "accepted", e => e["kind"] = "teleported");
        Evented("satisfaction 0", "feedback", e => e["satisfaction"] = 0);
        Evented("satisfaction 6", "feedback", e => e["satisfaction"] = 6);
        Evented("satisfaction 4.0", "feedback", e => e["satisfaction"] = 4.0);
        Evented("grade P5", "graded", e => e["grade"] = "P5");
        Evented("reason other", "paused", e => e["reason"] = "other");
        Evented("resolution empty", "resolved", e => e["resolution"] = "");
        Evented("comment long", "feedback", e => e["comment"] = new string('c', 2001));
        Evented("ticket member on an event", "accepted", e => e["title"] = "x");
        Evented("no at", "accepted", e => e.Remove("at"));
        cases.Add(("standard v2", new JsonObject { ["standard"] = "v2", ["records"] = new JsonArray(Ticket()) }));
        cases.Add(("no records", new JsonObject { ["standard"] = "v1" }));
        cases.Add(("empty records", Batch()));
        cases.Add(("1,000 records", Batch(Enumerable.Range(0, 1000).Select(_ => (JsonNode)Ticket()).ToArray())));
        cases.Add(("1,001 records", Batch(Enumerable.Range(0, 1001).Select(_ => (JsonNode)Ticket()).ToArray())));
        cases.Add(("atomic string", new JsonObject { ["standard"] = "v1", ["atomic"] = "yes", ["records"] = new JsonArray(Ticket()) }));
        cases.Add(("batch member", new JsonObject { ["standard"] = "v1", ["more"] = 1, ["records"] = new JsonArray(Ticket()) }));
        cases.Add(("record not an object", Batch(Ticket(), 5)));
        return cases.Select(c => new object[] { c.Item1, c.Item2.ToJsonString() });
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void WhatTheQuickTestPasses_TheSchemaPasses(string name, string json)
    {
        var batch = JsonDocument.Parse(json).RootElement;
        if (ExchangeSchemaQuick.Holds(batch)) Assert.True(ExchangeSchema.HoldsBySchema(batch), $"{name}: passed by the quick test, refused by the schema");
    }

    [Fact]
    public void OrdinaryBatches_PassTheQuickTest_AndRepeatedMembersAreLeftToTheSchema()
    {
        Assert.True(ExchangeSchemaQuick.Holds(Parse(Batch([Ticket(), .. Kinds.Select((k, i) => (JsonNode)Event(k, i + 1))]))));
        var repeated = Batch(Ticket()).ToJsonString().Replace("\"channel\":\"hotline\"", "\"channel\":\"hotline\",\"channel\":\"fax\"", StringComparison.Ordinal);
        Assert.False(ExchangeSchemaQuick.Holds(JsonDocument.Parse(repeated).RootElement));
    }
}
