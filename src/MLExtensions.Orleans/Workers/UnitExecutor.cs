using Microsoft.ML;

namespace MLExtensions.Distributed;

/// <summary>
/// Does one unit on this silo with the code the local API uses: a search trial through the definition's
/// <see cref="SearchTrialRunner{TOptions}"/> scored by the objective built on the silo's copy of the data, a fold
/// through the same fold drawing as local cross-validation, a curve point through <see cref="LearningCurve"/>'s own
/// steps. What the unit itself reports (a failed or diverged trial) is its outcome; anything else that goes wrong ends
/// the run, as it would end the local call.
/// </summary>
internal sealed class UnitExecutor
{
    private readonly ClusterDefinitions _definitions;
    private readonly DataSetCache _data;
    private readonly string _silo;
    // Reads, evaluates and splits data; trainers get contexts of their own, so nothing random is drawn from it.
    private readonly MLContext _mlContext = new(seed: 0);

    public UnitExecutor(ClusterDefinitions definitions, DataSetCache data, ILocalSiloDetails silo)
    {
        _definitions = definitions;
        _data = data;
        _silo = silo.SiloAddress.ToParsableString();
    }

    public UnitPoll Execute(WorkUnit unit, CancellationToken cancellationToken)
    {
        try
        {
            UnitOutcome outcome = unit switch
            {
                SearchTrialUnit trial => RunTrial(trial, cancellationToken),
                CrossValidationFoldUnit fold => RunFold(fold, cancellationToken),
                LearningCurveUnit point => RunCurvePoint(point, cancellationToken),
                _ => throw new WorkerSetupException($"Silo {_silo} does not know the unit type {unit.GetType().Name}."),
            };
            return UnitPoll.Finished(outcome);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return UnitPoll.Failed(e);
        }
    }

    private SearchTrialOutcome RunTrial(SearchTrialUnit unit, CancellationToken cancellationToken)
    {
        var definition = _definitions.Search(unit.Definition, _silo);
        if (definition.Description != unit.DefinitionDescription)
            throw new WorkerSetupException(
                $"The search definition '{unit.Definition}' differs between the client and silo {_silo}: the client's is \"{unit.DefinitionDescription}\", " +
                $"the silo's \"{definition.Description}\". Deploy the same definitions to every silo and client.");
        var data = _data.Get(unit.Objective.Data);
        var validation = unit.Objective.ValidationData is { } source ? _data.Get(source) : null;
        var objective = data.Derived("objective: " + unit.Objective, () => unit.Objective.Create(_mlContext, data.Data, validation?.Data));
        var trial = definition.RunTrial(unit.Number, unit.Round, unit.ValueCodes, objective, cancellationToken);
        var outcome = SearchTrialOutcome.From(trial);
        outcome.DataFingerprint = Fingerprint(data, validation);
        return outcome;
    }

    // An estimator definition builds its own trainers, so a fold or curve point cannot hand them the token: it is checked
    // before the fit, the one step that takes long.
    private CrossValidationFoldOutcome RunFold(CrossValidationFoldUnit unit, CancellationToken cancellationToken)
    {
        var definition = _definitions.Estimator(unit.Estimator, _silo);
        var data = _data.Get(unit.Data);
        var folds = data.Derived("folds: " + unit.Folds, () => unit.Folds.Draw(data.Data));
        var split = folds[unit.Fold];
        cancellationToken.ThrowIfCancellationRequested();
        var model = definition.Create(new MLContext(seed: unit.ContextSeed)).Fit(split.TrainSet);
        var scored = model.Transform(split.TestSet);
        return new CrossValidationFoldOutcome
        {
            Model = ModelBytes.Save(_mlContext, model, data.Data.Schema),
            ScoredTestSet = DataViewBytes.Save(_mlContext, scored),
            DataFingerprint = Fingerprint(data, null),
        };
    }

    private LearningCurveOutcome RunCurvePoint(LearningCurveUnit unit, CancellationToken cancellationToken)
    {
        var definition = _definitions.Estimator(unit.Estimator, _silo);
        var train = _data.Get(unit.TrainData);
        var validation = unit.ValidationData is { } source ? _data.Get(source) : null;
        var prepared = train.Derived(unit.PreparationKey, () =>
        {
            var (trainPart, validationPart) = LearningCurve.Prepare(_mlContext, train.Data, validation?.Data, unit.StratificationColumnName, unit.Seed, unit.NumberOfBins);
            return new PreparedCurve(trainPart, validationPart, LearningCurve.CountTrainingRows(trainPart));
        });
        var outcome = new LearningCurveOutcome { DataFingerprint = Fingerprint(train, validation), TrainingRows = prepared.Total };
        if (unit.Size == 0)
            return outcome;
        cancellationToken.ThrowIfCancellationRequested();
        var point = LearningCurve.Measure(_mlContext, unit.Kind, definition.Create(new MLContext(seed: unit.ContextSeed)), prepared.Train,
            prepared.Validation, unit.LabelColumnName, unit.Size, prepared.Total, unit.StratificationColumnName, unit.Seed, unit.NumberOfBins);
        outcome.TrainingRows = point.TrainingSize;
        outcome.TrainingError = point.TrainingError;
        outcome.ValidationError = point.ValidationError;
        return outcome;
    }

    private static string Fingerprint(LoadedDataSet data, LoadedDataSet? validation) =>
        validation is null ? data.Fingerprint : $"{data.Fingerprint} + {validation.Fingerprint}";

    private sealed record PreparedCurve(IDataView Train, IDataView Validation, long Total);
}
