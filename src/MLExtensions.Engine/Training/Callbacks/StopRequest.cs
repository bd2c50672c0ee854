namespace MLExtensions.Engine.Training.Callbacks;

/// <summary>A callback's request to end training after the current epoch, with the sentence the history keeps.</summary>
internal readonly record struct StopRequest(StopReason Reason, string Message);
