namespace MLExtensions.Distributed;

/// <summary>A fold's fitted model (a <c>SavePipeline</c> zip) and its scored test rows (ML.NET's binary IDataView format),
/// from which the client evaluates the fold with the task's own evaluator.</summary>
[GenerateSerializer, Alias("MLExtensions.Distributed.CrossValidationFoldOutcome")]
internal sealed class CrossValidationFoldOutcome : UnitOutcome
{
    [Id(0)] public byte[] Model { get; set; } = Array.Empty<byte>();
    [Id(1)] public byte[] ScoredTestSet { get; set; } = Array.Empty<byte>();
}
