namespace MLExtensions.Trainers;

/// <summary>The current row's raw network outputs and what the loss turns them into (probabilities, values).</summary>
internal sealed class ScoredRow
{
    public ScoredRow(int outputs)
    {
        Raw = new float[outputs];
        Transformed = new float[outputs];
    }

    public float[] Raw { get; }
    public float[] Transformed { get; }
}
