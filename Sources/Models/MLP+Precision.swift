extension MLP {
    /// The floating-point format of the network's matrix products.
    ///
    /// `double` (the default) runs every product in float64 (dgemm), so that
    /// the batched kernels agree with the per-sample reference to 1e-12.
    /// `single` runs the three products of each layer (forward Z = A Wᵀ,
    /// ∇W = Δᵀ A, back-propagation Δ W) in float32 (sgemm) on float32 copies
    /// of the inputs and weights, as PyTorch does by default: about twice the
    /// speed on large layers, with each product's rounding error about 1e-7
    /// relative instead of 1e-16. Biases, activations, the head's loss and the
    /// sums over the batch stay in float64, and w, the gradient and the
    /// sampler's state are float64 in both.
    public enum Precision: String, Sendable, Hashable, CaseIterable {
        case double = "float64"
        case single = "float32"
    }
}
