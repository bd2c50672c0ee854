namespace MLExtensions.Engine.Tests.Losses;

/// <summary>The losses' weighted means written naively in double from their textbook definitions.</summary>
internal static class ReferenceLosses
{
    public static double SoftmaxCrossEntropy(double[] z, float[] targets, float[]? weights, float[]? classWeights, double smoothing, int batch, int width)
    {
        double sum = 0, total = 0;
        for (int row = 0; row < batch; row++)
        {
            int target = (int)targets[row];
            double w = (weights?[row] ?? 1) * (classWeights?[target] ?? 1);
            double partition = 0;
            for (int k = 0; k < width; k++)
                partition += Math.Exp(z[row * width + k]);
            double loss = 0;
            for (int k = 0; k < width; k++)
            {
                double y = (k == target ? 1 - smoothing : 0) + smoothing / width;
                loss -= y * (z[row * width + k] - Math.Log(partition));
            }
            sum += w * loss;
            total += w;
        }
        return sum / total;
    }

    public static double BinaryCrossEntropy(double[] z, float[] targets, float[]? weights, float[]? classWeights, double smoothing, int batch)
    {
        double sum = 0, total = 0;
        for (int row = 0; row < batch; row++)
        {
            double w = (weights?[row] ?? 1) * (classWeights?[targets[row] > 0.5 ? 1 : 0] ?? 1);
            double y = targets[row] * (1 - smoothing) + 0.5 * smoothing;
            double p = 1 / (1 + Math.Exp(-z[row]));
            sum += w * -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
            total += w;
        }
        return sum / total;
    }

    public static double Regression(string name, double[] outputs, float[] targets, float[]? weights, double delta, int batch, int width)
    {
        double sum = 0, total = 0;
        for (int row = 0; row < batch; row++)
        {
            double w = weights?[row] ?? 1, loss = 0;
            for (int j = 0; j < width; j++)
            {
                double d = outputs[row * width + j] - targets[row * width + j];
                loss += name switch
                {
                    "mean_squared_error" => d * d,
                    "mean_absolute_error" => Math.Abs(d),
                    _ => Math.Abs(d) <= delta ? d * d / 2 : delta * (Math.Abs(d) - delta / 2),
                };
            }
            sum += w * loss / width;
            total += w;
        }
        return sum / total;
    }
}
