namespace XinchuangFlow.Web;

/// <summary>
/// Marker of the problems' texts: <c>Resources/ProblemResource.resx</c> (Simplified Chinese) and
/// <c>ProblemResource.en.resx</c> (English) — one text per problem code with its arguments as <c>{name}</c>, and the
/// label of each field a problem can name (<c>Field.title</c>). Read through <see cref="Components.ProblemText"/>.
/// </summary>
public sealed class ProblemResource;
