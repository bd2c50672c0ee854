namespace Microsoft.ML.Runtime;

public interface IProgressEntry
{
    void SetProgress(int index, double value);

    void SetProgress(int index, double value, double lim);

    void SetMetric(int index, double value);
}
