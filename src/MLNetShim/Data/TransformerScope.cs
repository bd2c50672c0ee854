namespace Microsoft.ML.Data;

[Flags]
public enum TransformerScope
{
    None = 0,
    Training = 1 << 0,
    Testing = 1 << 1,
    TrainTest = Training | Testing,
    Scoring = 1 << 2,
    Everything = TrainTest | Scoring,
}
