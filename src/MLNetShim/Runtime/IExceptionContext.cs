namespace Microsoft.ML.Runtime;

/// <summary>Lets an environment decorate exceptions before they are thrown.</summary>
public interface IExceptionContext
{
    TException Process<TException>(TException ex)
        where TException : Exception;

    string ContextDescription { get; }
}
