namespace XinchuangFlow.Domain.Rules;

/// <summary>What a rule field holds; editors, limits and the overview pick their control and display from it.</summary>
public enum RuleValueType
{
    /// <summary>An ISO 8601 duration (PT4H), edited and shown in hours.</summary>
    Duration,
    Number,
    Percent,
    Text,
    /// <summary>One of <see cref="RuleField.Choices"/>.</summary>
    Choice,
    TextList,
    /// <summary>Any of <see cref="RuleField.Choices"/>.</summary>
    ChoiceList,
    /// <summary>User names of the platform.</summary>
    UserList,
    /// <summary>Ids of service points of the network.</summary>
    ServicePointList,
    /// <summary>An object of key → value that is replaced as a whole.</summary>
    Map,
    /// <summary>A list of objects replaced as a whole (its members are fields with a <c>[]</c> path).</summary>
    Rows,
}
