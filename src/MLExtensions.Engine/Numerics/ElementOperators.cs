namespace MLExtensions.Engine.Numerics;

// The operator shapes ElementWise runs, after TensorPrimitives' operator structs: an operator is a small readonly
// struct holding its parameters, whose Invoke is written once, generic over the width, so the vector loops and the
// scalar tail evaluate the same formula. A struct type argument makes the JIT inline Invoke into each loop.

/// <summary>f(x), element-wise.</summary>
internal interface IUnaryOperator
{
    TV Invoke<TL, TV>(TV x) where TL : ILanes<TV> where TV : struct;
}

/// <summary>f(x, y), element-wise.</summary>
internal interface IBinaryOperator
{
    TV Invoke<TL, TV>(TV x, TV y) where TL : ILanes<TV> where TV : struct;
}

/// <summary>f(x, y, z), element-wise.</summary>
internal interface ITernaryOperator
{
    TV Invoke<TL, TV>(TV x, TV y, TV z) where TL : ILanes<TV> where TV : struct;
}

/// <summary>Adds f(x) to a running sum held in double lanes (<see cref="IWideningLanes{TVector, TWide}"/>).</summary>
internal interface IWideningSumOperator
{
    TW Accumulate<TL, TV, TW>(TW sum, TV x) where TL : IWideningLanes<TV, TW> where TV : struct where TW : struct;
}
