using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// Cross-validation over folds made by any split: fits the estimator on each fold's training part, scores and
/// evaluates its test part. The task catalogs' <c>StratifiedCrossValidate</c>/<c>KFoldCrossValidate</c> build on this;
/// call it directly for custom folds or a custom evaluation.
/// </summary>
public static class CrossValidation
{
    /// <summary>Fits <paramref name="estimator"/> on each fold's training set, scores its test set and evaluates the scored
    /// rows with <paramref name="evaluate"/>.</summary>
    /// <typeparam name="TReport">The evaluation report of the task.</typeparam>
    /// <param name="folds">The folds, e.g. from <c>mlContext.Data.StratifiedKFold</c>; at least one.</param>
    /// <param name="estimator">The pipeline to fit on each fold; it is fitted once per fold and not changed.</param>
    /// <param name="evaluate">Evaluates one fold's scored test set.</param>
    /// <param name="parallel">Fit the folds concurrently (one task each). The results are the same as sequentially as long
    /// as the estimator's Fit is deterministic and safe to call concurrently (ML.NET's estimators and ours are).</param>
    /// <returns>Every fold's model, report and scored test set, and each metric's mean and standard deviation.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="folds"/> is empty.</exception>
    /// <exception cref="AggregateException">With <paramref name="parallel"/>, more than one fold failed; a single failing fold
    /// throws its own exception, as it would sequentially.</exception>
    public static CrossValidationReport<TReport> Run<TReport>(IReadOnlyList<TrainTestSplit> folds, IEstimator<ITransformer> estimator,
        Func<IDataView, TReport> evaluate, bool parallel = false)
        where TReport : IEvaluationReport
    {
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(evaluate);
        if (folds.Count == 0)
            throw new ArgumentException("There are no folds to cross-validate on.", nameof(folds));

        CrossValidationFold<TReport> RunFold(int index)
        {
            var model = estimator.Fit(folds[index].TrainSet);
            var scored = model.Transform(folds[index].TestSet);
            return new CrossValidationFold<TReport>(index, model, evaluate(scored), scored);
        }

        var results = new CrossValidationFold<TReport>[folds.Count];
        if (parallel)
        {
            var tasks = Enumerable.Range(0, folds.Count).Select(i => Task.Run(() => results[i] = RunFold(i))).ToArray();
            try
            {
                Task.WaitAll(tasks);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                // One failing fold should surface as its own exception, as it would sequentially.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
        }
        else
        {
            for (int i = 0; i < folds.Count; i++)
                results[i] = RunFold(i);
        }
        return new CrossValidationReport<TReport>(results);
    }
}
