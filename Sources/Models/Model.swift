/// A statistical model as the samplers and estimators see it: parameters
/// w ∈ R^d, the empirical loss L_n(w) = −(1/n) Σ log p(y_i | x_i, w) with the
/// normalising constants kept, and its gradient on the full data or a minibatch.
///
/// Hot-path methods write into caller-owned buffers and allocate nothing;
/// whatever scratch memory a model needs (activations of a network on a
/// batch) lives in its `Workspace`, made once per chain by `makeWorkspace`.
/// A model value is immutable and shared between chains; a workspace is not.
public protocol Model: Sendable {
    /// Per-chain scratch memory for `loss`/`lossAndGradient` on batches.
    associatedtype Workspace

    /// d, the number of parameters.
    var dimension: Int { get }
    /// Names of the parameters in order (`w1`, `A[0,1]`, …).
    var parameterNames: [String] { get }
    /// n, the number of samples L_n averages over (the data size; for a
    /// `Potential`, the n the user set). Never the batch size.
    var sampleCount: Int { get }

    /// Scratch memory for batches of at most `maxBatchSize` samples.
    func makeWorkspace(maxBatchSize: Int) -> Workspace

    /// L_n(w) over all n samples.
    func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout Workspace) -> Double

    /// L_n(w) over all samples, with ∇L_n(w) written into `gradient`.
    func lossAndGradient(_ w: UnsafeBufferPointer<Double>,
                         gradient: UnsafeMutableBufferPointer<Double>,
                         workspace: inout Workspace) -> Double

    /// The loss −(1/B) Σ_{i∈batch} log p(y_i | x_i, w) on the samples whose
    /// indices are in `batch`, with its gradient written into `gradient`.
    func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>,
                              batch: UnsafeBufferPointer<Int>,
                              gradient: UnsafeMutableBufferPointer<Double>,
                              workspace: inout Workspace) -> Double

    /// The loss on the samples in `batch`, without its gradient: the
    /// evaluation subset of the draws' loss (`ChainSettings.evaluationSubset`).
    /// The default calls `batchLossAndGradient` into a gradient it allocates
    /// (once per draw, not per step); `MLP` gives a forward-only pass.
    func batchLoss(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>,
                   workspace: inout Workspace) -> Double

    /// log p(y_i | x_i, w) for every sample i, written into `output` (length n);
    /// used by WAIC. Models without data (potentials) write −L_n in one slot.
    func logLikelihoods(_ w: UnsafeBufferPointer<Double>,
                        into output: UnsafeMutableBufferPointer<Double>,
                        workspace: inout Workspace)

    /// The population loss K(w) = L(w) − L(w0) where it has a closed form, else nil.
    func populationLoss(_ w: [Double]) -> Double?

    // Capabilities the estimators ask about, with defaults below (a model
    // without data); `RegressionModel` and `Potential` give their own.

    /// Whether L_n averages stored samples (x_i, y_i), so that per-sample
    /// log-likelihoods (WAIC), subsampling and the gap between L_n and the
    /// population K mean something. False for a potential, whose loss is K.
    var hasPerSampleData: Bool { get }

    /// The same model at sample size k: a data model on its first k ≤ n
    /// samples, a potential with its n set to k (n only enters nβ); nil when
    /// the model cannot change its n. Throws for a k it cannot take.
    func withSampleCount(_ k: Int) throws -> Self?
}

extension Model {
    public func batchLoss(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>,
                          workspace: inout Workspace) -> Double {
        var g = [Double](repeating: 0, count: dimension)
        return g.withUnsafeMutableBufferPointer { batchLossAndGradient(w, batch: batch, gradient: $0, workspace: &workspace) }
    }

    public var hasPerSampleData: Bool { false }
    public func withSampleCount(_ k: Int) throws -> Self? { nil }
}
