namespace MLExtensions.Engine.Training;

/// <summary>The two views <see cref="HoldOut.Split"/> makes of the training rows, and what it has to say about them.</summary>
public sealed class HoldOutSplit
{
    internal HoldOutSplit(TrainingData training, TrainingData validation, string? note)
    {
        Training = training;
        Validation = validation;
        Note = note;
    }

    /// <summary>The rows left to train on: a view sharing the original buffers.</summary>
    public TrainingData Training { get; }

    /// <summary>The rows held out: a view sharing the original buffers.</summary>
    public TrainingData Validation { get; }

    /// <summary>Which classes were too small to be split, when any were; null otherwise.</summary>
    public string? Note { get; }

    /// <summary>Deconstructs into (<see cref="Training"/>, <see cref="Validation"/>), leaving out the note.</summary>
    public void Deconstruct(out TrainingData training, out TrainingData validation)
    {
        training = Training;
        validation = Validation;
    }
}
