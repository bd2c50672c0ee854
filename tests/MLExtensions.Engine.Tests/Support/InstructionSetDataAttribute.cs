using System.Reflection;
using Xunit.Sdk;

namespace MLExtensions.Engine.Tests.Support;

/// <summary>
/// One theory row, like <see cref="InlineDataAttribute"/>, whose first value names the kernel family the row runs
/// (see <see cref="InstructionSets.Has"/>); the row is reported skipped where the CPU lacks that family, while the
/// rows of the families it has still run.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class InstructionSetDataAttribute : DataAttribute
{
    private readonly object[] _row;

    public InstructionSetDataAttribute(string family, params object[] rest)
    {
        _row = [family, .. rest];
        // Refuses a name that is no kernel family here, when xunit discovers the test.
        _ = InstructionSets.SkipReason([family], null);
    }

    /// <summary>The families the CPU is taken to have in place of this CPU's own, so the attribute's own tests can
    /// show a skip on any machine; null (the default) for this CPU.</summary>
    public string[]? PretendCpuHas { get; set; }

    /// <summary>A reason set explicitly, or else why this CPU (or the pretend one) cannot run the row.</summary>
    public override string? Skip
    {
        get => base.Skip ?? InstructionSets.SkipReason([(string)_row[0]], PretendCpuHas);
        set => base.Skip = value;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [_row];
}
