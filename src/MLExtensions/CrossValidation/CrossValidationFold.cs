using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// One fold: the model fitted on the other folds, its evaluation on this fold, and this fold scored by it (a lazy
/// view: reading it scores the rows again, so cache it with <c>mlContext.Data.Cache</c> when reading it often).
/// </summary>
public sealed record CrossValidationFold<TReport>(int Index, ITransformer Model, TReport Report, IDataView ScoredTestSet)
    where TReport : IEvaluationReport;
