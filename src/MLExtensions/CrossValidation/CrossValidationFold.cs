using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// One fold: the model fitted on the other folds, its evaluation on this fold, and this fold scored by it (a lazy
/// view: reading it scores the rows again, so cache it with <c>mlContext.Data.Cache</c> when reading it often).
/// </summary>
/// <typeparam name="TReport">The evaluation report of the task.</typeparam>
/// <param name="Index">The 0-based fold number: the fold whose rows were held out.</param>
/// <param name="Model">The pipeline fitted on the other folds' rows.</param>
/// <param name="Report">The evaluation of <paramref name="Model"/> on this fold's rows.</param>
/// <param name="ScoredTestSet">This fold's rows as <paramref name="Model"/> transforms them.</param>
public sealed record CrossValidationFold<TReport>(int Index, ITransformer Model, TReport Report, IDataView ScoredTestSet)
    where TReport : IEvaluationReport;
