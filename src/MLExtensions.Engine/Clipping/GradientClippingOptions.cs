using System.Numerics.Tensors;

namespace MLExtensions.Engine.Clipping;

/// <summary>
/// Which gradient clipping a trainer applies before each optimizer step; every bound is optional and,
/// when set, must be positive and finite. Unlike Keras, which allows only one of the three, they may be
/// combined: <see cref="Apply"/> clips by value, then each layer by norm, then the whole buffer by norm.
/// </summary>
public sealed class GradientClippingOptions
{
    private readonly float? _clipValue;
    private readonly float? _clipNorm;
    private readonly float? _globalClipNorm;

    /// <summary>Element-wise bound: gradients are clamped to [−ClipValue, ClipValue]; null (the default) for none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not positive, or is NaN or infinite.</exception>
    public float? ClipValue
    {
        get => _clipValue;
        init => _clipValue = Check(value, nameof(ClipValue));
    }

    /// <summary>Bound on the L2 norm of each layer's gradient slice; null (the default) for none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not positive, or is NaN or infinite.</exception>
    public float? ClipNorm
    {
        get => _clipNorm;
        init => _clipNorm = Check(value, nameof(ClipNorm));
    }

    /// <summary>Bound on the L2 norm of the whole gradient buffer; null (the default) for none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not positive, or is NaN or infinite.</exception>
    public float? GlobalClipNorm
    {
        get => _globalClipNorm;
        init => _globalClipNorm = Check(value, nameof(GlobalClipNorm));
    }

    /// <summary>Whether any bound is set; when none is, <see cref="Apply"/> only measures the norm.</summary>
    public bool IsEnabled => _clipValue.HasValue || _clipNorm.HasValue || _globalClipNorm.HasValue;

    /// <summary>
    /// Clips <paramref name="gradients"/> in place; <paramref name="layerSlices"/> are the layers' slices,
    /// needed only with <see cref="ClipNorm"/>. Returns the global L2 norm before any clipping. When it is
    /// NaN or ∞ nothing is changed, so the caller can detect the divergence and skip the step.
    /// </summary>
    /// <exception cref="ArgumentException"><see cref="ClipNorm"/> is set and <paramref name="layerSlices"/> is empty.</exception>
    public double Apply(Span<float> gradients, ReadOnlySpan<Range> layerSlices)
    {
        double norm = GradientClipping.Norm(gradients);
        if (!double.IsFinite(norm))
            return norm;

        bool changed = false;
        if (_clipValue is { } limit)
        {
            GradientClipping.ClipByValue(gradients, limit);
            changed = true;
        }
        if (_clipNorm is { } layerBound)
        {
            if (layerSlices.IsEmpty)
                throw new ArgumentException($"{nameof(ClipNorm)} clips each layer: pass the layers' gradient slices.", nameof(layerSlices));
            foreach (var slice in layerSlices)
                GradientClipping.ClipByNorm(gradients[slice], layerBound);
            changed = true;
        }
        if (_globalClipNorm is { } globalBound)
        {
            // The earlier steps only shrink the gradient, so the norm needs recomputing only if they ran.
            double current = changed ? GradientClipping.Norm(gradients) : norm;
            if (current > globalBound)
                TensorPrimitives.Multiply(gradients, (float)(globalBound / current), gradients);
        }
        return norm;
    }

    private static float? Check(float? value, string name)
    {
        if (value is { } bound && (!(bound > 0f) || !float.IsFinite(bound)))
            throw new ArgumentOutOfRangeException(name, bound, "Must be positive and finite (or null to disable).");
        return value;
    }
}
