namespace MLExtensions.Transforms;

/// <summary>One column an <see cref="InverseScalingTransformer"/> restores, with the statistics it uses.</summary>
public sealed record InverseScaledColumn(string OutputColumnName, string InputColumnName, ScaledColumn Statistics);
