namespace XinchuangFlow.Domain.Assessment;

/// <summary>Why an assessment model (ASM-2) is refused. The field is the value's path in the model.</summary>
[ProblemCodes]
public static class AssessmentModelProblems
{
    /// <summary>No arguments.</summary>
    public const string NoIndicators = "assessment-model-no-indicators";
    /// <summary>Arguments: value (the code).</summary>
    public const string UnknownIndicator = "assessment-model-unknown-indicator";
    /// <summary>Arguments: indicator (its code).</summary>
    public const string IndicatorTwice = "assessment-model-indicator-twice";
    /// <summary>Arguments: indicator, value.</summary>
    public const string WeightRange = "assessment-model-weight-range";
    /// <summary>Arguments: value (the sum of the weights).</summary>
    public const string WeightsNot100 = "assessment-model-weights-not-100";
    /// <summary>Arguments: indicator, value.</summary>
    public const string MinCountRange = "assessment-model-min-count-range";
    /// <summary>Arguments: indicator.</summary>
    public const string NoBands = "assessment-model-no-bands";
    /// <summary>Arguments: indicator, max.</summary>
    public const string TooManyBands = "assessment-model-too-many-bands";
    /// <summary>Arguments: indicator, value.</summary>
    public const string PointsRange = "assessment-model-points-range";
    /// <summary>Arguments: indicator, value.</summary>
    public const string BandRange = "assessment-model-band-range";
    /// <summary>Arguments: indicator.</summary>
    public const string BandTwice = "assessment-model-band-twice";
    /// <summary>No arguments: the grades' least scores do not rise.</summary>
    public const string GradesOrder = "assessment-model-grades-order";
    /// <summary>Arguments: value.</summary>
    public const string RedLineRange = "assessment-model-red-line-range";
    /// <summary>Arguments: field, value, min, max.</summary>
    public const string NumberRange = "assessment-model-number-range";
}
