namespace MLExtensions.Engine.Layers;

/// <summary>
/// Hears, during <see cref="Networks.Network"/>'s backward pass, when a trainable layer's gradients are final, so a trainer can
/// update the parameters while their gradients are still in cache instead of after the whole pass.
/// </summary>
internal interface IBackwardListener
{
    /// <summary>
    /// Part of layer <paramref name="layerIndex"/>'s gradients, [<paramref name="offset"/>, +<paramref name="length"/>) of its
    /// <see cref="Layer.Gradients"/>, is final, and the rest of the layer's backward pass no longer reads those parameters.
    /// Only layers with <see cref="Layer.ReportsFinishedGradients"/> call it, each element once, perhaps from several pool
    /// threads at once for disjoint parts.
    /// </summary>
    void GradientsFinished(int layerIndex, int offset, int length);

    /// <summary>Layer <paramref name="layerIndex"/>'s backward pass is done: all its gradients are final. Called on the calling thread.</summary>
    void LayerFinished(int layerIndex);
}
