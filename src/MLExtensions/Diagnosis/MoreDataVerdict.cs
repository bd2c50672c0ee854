namespace MLExtensions;

/// <summary>The learning curve's answer to "will more data help?".</summary>
public enum MoreDataVerdict
{
    /// <summary>Validation error still fell notably over the last doubling of the training set. With a large gap to training
    /// error more data is the remedy; with a small one a bigger model will help too.</summary>
    LikelyHelps,

    /// <summary>Validation error has flattened but stays well above training error: regularize rather than only collect data.</summary>
    PlateauedWithGap,

    /// <summary>Validation error has flattened close to training error: the model is bias-limited; a bigger model helps, more data will not.</summary>
    UnlikelyHelps,

    /// <summary>Fewer than two sizes: no trend to read.</summary>
    Inconclusive,
}
