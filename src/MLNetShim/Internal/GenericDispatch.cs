using System.Reflection;

namespace Microsoft.ML.Internal;

/// <summary>
/// Column getters are generic in the column's raw type, known only at run time; this closes a generic
/// method over that type once, when a view or mapper is built (not per row).
/// </summary>
internal static class GenericDispatch
{
    internal static object? Invoke(Type owner, string methodName, Type[] typeArguments, params object?[] args)
    {
        var method = owner.GetMethod(methodName, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(owner.FullName, methodName);
        try
        {
            return method.MakeGenericMethod(typeArguments).Invoke(null, args);
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
