using System.Globalization;

namespace MLExtensions.Trainers;

/// <summary>
/// The checks trainer options run on themselves, in ML.NET's <c>CheckUserArg</c> manner: each failure is an
/// <see cref="ArgumentOutOfRangeException"/> whose parameter is the option's name as the user wrote it, with the value
/// found and what was expected.
/// </summary>
internal static class OptionChecks
{
    public static void Require(bool condition, string option, object? value, string expected)
    {
        if (!condition)
            throw new ArgumentOutOfRangeException(option, $"{option} must be {expected}; it is {Format(value)}.");
    }

    public static void Refuse(string option, string why) => throw new ArgumentOutOfRangeException(option, $"{option}: {why}");

    public static void Positive(int value, string option) => Require(value > 0, option, value, "positive");

    public static void NonNegative(int value, string option) => Require(value >= 0, option, value, "zero or more");

    public static void PositiveFinite(double value, string option) => Require(value > 0 && double.IsFinite(value), option, value, "positive and finite");

    public static void NonNegativeFinite(double value, string option) => Require(value >= 0 && double.IsFinite(value), option, value, "finite and non-negative");

    /// <summary>A fraction in [0, 1): a rate, a momentum, a β.</summary>
    public static void UnitInterval(double value, string option) => Require(value >= 0 && value < 1, option, value, "in [0, 1)");

    public static void Defined<TEnum>(TEnum value, string option) where TEnum : struct, Enum =>
        Require(Enum.IsDefined(value), option, value, $"one of {string.Join(", ", Enum.GetNames<TEnum>())}");

    public static void ColumnName(string? name, string option) =>
        Require(!string.IsNullOrEmpty(name), option, name, "a column name");

    /// <summary>Class weights: finite, non-negative, not all zero, and <paramref name="length"/> of them when that is known.</summary>
    public static void ClassWeights(float[]? weights, string option, int? length = null)
    {
        if (weights is null)
            return;
        if (length is int n)
            Require(weights.Length == n, $"{option}.Length", weights.Length, $"{n}");
        for (int i = 0; i < weights.Length; i++)
            Require(weights[i] >= 0 && float.IsFinite(weights[i]), $"{option}[{i}]", weights[i], "finite and non-negative");
        Require(weights.Any(w => w > 0), option, "all zero", "positive for at least one class");
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
