using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Validation;

/// <summary>
/// Checks a definition before it is saved or published and reports every problem at once: the engine's own rules,
/// then each host's <see cref="IDefinitionCheck"/> (rules the engine cannot know, such as the parts a case flow's tasks
/// must play).
/// </summary>
public sealed class DefinitionValidator(ActivityRegistry registry, IExpressionEvaluator expressions, IEnumerable<IDefinitionCheck> checks)
{
    /// <summary>A validator with the engine's own rules only.</summary>
    public DefinitionValidator(ActivityRegistry registry, IExpressionEvaluator expressions) : this(registry, expressions, []) { }

    private static readonly System.Text.RegularExpressions.Regex IdPattern = new("^[A-Za-z0-9_.-]{1,100}$");

    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinitionModel d)
    {
        var p = new List<ValidationProblem>();
        void Add(string code, string? activity, string message, params (string Name, object? Value)[] args) =>
            p.Add(new ValidationProblem(code, activity, message, args.Length == 0 ? null : args.ToDictionary(a => a.Name, a => a.Value)));

        if (d.SchemaVersion < 1 || d.SchemaVersion > DefinitionJson.CurrentSchemaVersion)
            Add("schema-version", null, $"schemaVersion {d.SchemaVersion} is not supported (this engine reads 1 to {DefinitionJson.CurrentSchemaVersion}).", ("version", d.SchemaVersion));
        if (!IdPattern.IsMatch(d.DefinitionId ?? ""))
            Add("definition-id", null, "definitionId is required: 1–100 letters, digits, '.', '_' or '-'.");
        if (string.IsNullOrWhiteSpace(d.Name)) Add("name", null, "name is required.");

        var varNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in d.Variables)
        {
            if (string.IsNullOrWhiteSpace(v.Name) || !System.Text.RegularExpressions.Regex.IsMatch(v.Name, "^[A-Za-z_$][A-Za-z0-9_$]*$"))
                Add("variable-name", null, $"variable name '{v.Name}' is not a valid identifier.", ("name", v.Name));
            else if (!varNames.Add(v.Name)) Add("variable-duplicate", null, $"variable '{v.Name}' is declared twice.", ("name", v.Name));
            if (!VariableTypes.Known.Contains(v.Type)) Add("variable-type", null, $"variable '{v.Name}' has unknown type '{v.Type}'.", ("name", v.Name), ("type", v.Type));
            else if (v.Default is not null && !VariableTypes.Matches(v.Type, v.Default))
                Add("variable-default", null, $"the default of variable '{v.Name}' is not a {v.Type}.", ("name", v.Name), ("type", v.Type));
        }

        // Activities: ids, types, inputs, expressions.
        var activities = new Dictionary<string, ActivityModel>(StringComparer.Ordinal);
        var outcomes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var optional = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var a in d.Activities)
        {
            if (string.IsNullOrWhiteSpace(a.Id)) { Add("activity-id", null, $"an activity of type '{a.Type}' has no id.", ("type", a.Type)); continue; }
            if (!activities.TryAdd(a.Id, a)) { Add("activity-duplicate", a.Id, "the activity id is used twice."); continue; }
            var activity = registry.Find(a.Type);
            var descriptor = registry.FindDescriptor(a.Type);
            if (activity is null || descriptor is null) { Add("unknown-type", a.Id, $"unknown activity type '{a.Type}'.", ("type", a.Type)); continue; }
            outcomes[a.Id] = activity.GetOutcomes(a);
            optional[a.Id] = activity.GetOptionalOutcomes(a);
            foreach (var input in descriptor.Inputs)
            {
                a.Inputs.TryGetValue(input.Name, out var value);
                if (input.Required && value is null && input.Default is null)
                    Add("input-required", a.Id, $"input '{input.Name}' is required.", ("input", input));
            }
            foreach (var (name, value) in a.Inputs)
            {
                var input = descriptor.FindInput(name);
                if (input is null) { Add("input-unknown", a.Id, $"input '{name}' is not an input of {a.Type}.", ("input", name)); continue; }
                foreach (var expression in Expressions(value))
                {
                    if (!input.ExpressionAllowed && DefinitionJson.TryGetExpression(value, out _))
                    {
                        Add("expression-not-allowed", a.Id, $"input '{name}' must be a literal, not an expression.", ("input", input));
                        break;
                    }
                    if (expressions.Check(expression) is { } error)
                        Add("bad-expression", a.Id, $"input '{name}': {error}", ("input", input), ("detail", error));
                }
                if (!DefinitionJson.TryGetExpression(value, out _) && value is not null && LiteralError(input, value) is { } literalError)
                    Add("input-type", a.Id, $"input '{name}': {literalError}", ("input", input));
                if (input.Kind == InputKind.VariableName && value is JsonValue vn && vn.TryGetValue<string>(out var varName) && !varNames.Contains(varName))
                    Add("variable-undeclared", a.Id, $"input '{name}' names variable '{varName}', which is not declared.", ("input", input), ("name", varName));
            }
            foreach (var message in activity.Validate(a)) Add("activity-config", a.Id, message, ("detail", message));
        }

        var starts = d.Activities.Where(a => registry.FindDescriptor(a.Type)?.IsStart == true).ToList();
        if (starts.Count == 0) Add("start-missing", null, "the definition has no Start activity.");
        if (starts.Count > 1) foreach (var s in starts.Skip(1)) Add("start-duplicate", s.Id, "a second Start activity; a definition has exactly one.");

        // Connections.
        var seen = new HashSet<(string, string, string)>();
        var graph = activities.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        var connectedPorts = new HashSet<(string, string)>();
        foreach (var c in d.Connections)
        {
            var src = c.Source?.Activity ?? "";
            var port = c.Source?.Port ?? "done";
            var tgt = c.Target?.Activity ?? "";
            var ok = true;
            if (!activities.ContainsKey(src)) { Add("connection-dangling", src.Length > 0 ? src : null, $"a connection leaves from activity '{src}', which does not exist."); ok = false; }
            if (!activities.ContainsKey(tgt)) { Add("connection-dangling", src.Length > 0 ? src : null, $"connection {src}.{port} leads to activity '{tgt}', which does not exist."); ok = false; }
            if (!ok) continue;
            if (!seen.Add((src, port, tgt))) { Add("connection-duplicate", src, $"connection {src}.{port} → {tgt} appears twice."); continue; }
            if (outcomes.TryGetValue(src, out var ports) && !ports.Contains(port) && !optional[src].Contains(port))
                Add("connection-port", src, $"connection leaves from port '{port}', which is not an outcome of this activity ({string.Join(", ", ports.Concat(optional[src]))}).", ("port", port));
            if (starts.Any(s => s.Id == tgt)) Add("connection-into-start", tgt, $"connection {src}.{port} leads into the Start activity.");
            graph[src].Add(tgt);
            connectedPorts.Add((src, port));
        }
        foreach (var (id, ports) in outcomes)
            foreach (var port in ports)
                if (!connectedPorts.Contains((id, port)))
                    Add("outcome-unconnected", id, $"outcome '{port}' has no target.", ("port", port));

        // Reachability from Start.
        if (starts.Count >= 1)
        {
            var reached = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>([starts[0].Id]);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (!reached.Add(n)) continue;
                foreach (var t in graph.GetValueOrDefault(n) ?? []) stack.Push(t);
            }
            foreach (var id in activities.Keys.Where(k => !reached.Contains(k)))
                Add("unreachable", id, "the activity cannot be reached from Start.");
        }

        // Every activity must be able to reach an end: an End, or an activity with no outgoing ports. A cycle that no
        // path leaves would keep the instance busy or waiting forever.
        var ends = activities.Values.Where(a => registry.FindDescriptor(a.Type)?.IsTerminal == true || (outcomes.TryGetValue(a.Id, out var o) && o.Count == 0 && graph[a.Id].Count == 0))
            .Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var reverse = activities.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (from, targets) in graph) foreach (var t in targets) reverse[t].Add(from);
        var canEnd = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(ends);
        while (pending.Count > 0)
        {
            var n = pending.Pop();
            if (!canEnd.Add(n)) continue;
            foreach (var s2 in reverse[n]) pending.Push(s2);
        }
        var trapped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cycle in StronglyConnected(graph).Where(scc => scc.Count > 1 || graph[scc[0]].Contains(scc[0])))
        {
            var members = cycle.ToHashSet(StringComparer.Ordinal);
            if (cycle.Any(canEnd.Contains)) continue;
            var first = cycle.OrderBy(x => x, StringComparer.Ordinal).First();
            Add("cycle-without-exit", first, $"the cycle {string.Join(" → ", cycle.OrderBy(x => x, StringComparer.Ordinal))} has no way out to an End.");
            trapped.UnionWith(members);
        }
        foreach (var id in activities.Keys.Where(k => !canEnd.Contains(k) && !trapped.Contains(k)).OrderBy(k => k, StringComparer.Ordinal))
            Add("no-path-to-end", id, "no path leads from this activity to an End.");

        // Loops that never wait would spin forever inside one burst.
        foreach (var cycle in StronglyConnected(graph).Where(scc => scc.Count > 1 || graph[scc[0]].Contains(scc[0])))
        {
            var waits = cycle.Any(id => registry.FindDescriptor(activities[id].Type)?.IsWaiting == true);
            if (!waits)
                Add("loop-without-wait", cycle.OrderBy(x => x, StringComparer.Ordinal).First(),
                    $"the loop {string.Join(" → ", cycle.OrderBy(x => x, StringComparer.Ordinal))} has no waiting activity (user task, timer, delay or signal).");
        }
        foreach (var check in checks) p.AddRange(check.Check(d));
        return p;
    }

    /// <summary>Throws <see cref="DefinitionInvalidException"/> when there is any problem.</summary>
    public void EnsureValid(WorkflowDefinitionModel d)
    {
        var problems = Validate(d);
        if (problems.Count > 0) throw new DefinitionInvalidException(problems);
    }

    private static IEnumerable<string> Expressions(JsonNode? node)
    {
        if (DefinitionJson.TryGetExpression(node, out var e)) { yield return e; yield break; }
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o) foreach (var x in Expressions(v)) yield return x;
                break;
            case JsonArray a:
                foreach (var v in a) foreach (var x in Expressions(v)) yield return x;
                break;
        }
    }

    private static string? LiteralError(InputDescriptor input, JsonNode value)
    {
        var kind = value.GetValueKind();
        return input.Kind switch
        {
            InputKind.Boolean when kind is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False) => "must be true or false",
            InputKind.Number when kind != System.Text.Json.JsonValueKind.Number => "must be a number",
            InputKind.Duration when Durations.Parse(value) is null => "must be a duration (PT4H, 04:00:00 or seconds)",
            InputKind.String or InputKind.Text or InputKind.VariableName or InputKind.Role or InputKind.User or InputKind.Definition or InputKind.TaskKind when kind != System.Text.Json.JsonValueKind.String => "must be text",
            InputKind.StringList when value is not JsonArray => "must be a list",
            _ => null,
        };
    }

    /// <summary>Tarjan's algorithm, iterative enough for definitions of a few hundred activities.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, List<string>> graph)
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<List<string>>();

        void Visit(string v)
        {
            indices[v] = low[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph[v])
            {
                if (!indices.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], indices[w]);
            }
            if (low[v] != indices[v]) return;
            var scc = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); scc.Add(x); } while (x != v);
            result.Add(scc);
        }

        foreach (var v in graph.Keys) if (!indices.ContainsKey(v)) Visit(v);
        return result;
    }
}
