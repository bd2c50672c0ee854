namespace MLExtensions.Engine.Tests.Support;

/// <summary>
/// A fact that runs where the CPU has every named kernel family (see <see cref="InstructionSets.Has"/>) and is
/// reported skipped elsewhere, naming what the CPU lacks.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class InstructionSetFactAttribute : FactAttribute
{
    private readonly string[] _families;

    public InstructionSetFactAttribute(params string[] families)
    {
        _families = families;
        // Refuses a name that is no kernel family here, when xunit discovers the test.
        _ = InstructionSets.SkipReason(families, null);
    }

    /// <summary>The families the CPU is taken to have in place of this CPU's own, so the attribute's own tests can
    /// show a skip on any machine; null (the default) for this CPU.</summary>
    public string[]? PretendCpuHas { get; set; }

    /// <summary>A reason set explicitly, or else why this CPU (or the pretend one) cannot run the test.</summary>
    public override string? Skip
    {
        get => base.Skip ?? InstructionSets.SkipReason(_families, PretendCpuHas);
        set => base.Skip = value;
    }
}
