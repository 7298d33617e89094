/// Reduced-rank regression y = B A x + ε, A: H×M, B: N×H (Aoyagi & Watanabe
/// 2005): a deep linear network with widths [M, H, N] whose matrices are
/// named A and B. Layout of w: A row-major, then B row-major.
public struct ReducedRankRegression: RegressionModel {
    /// The network this model is (widths [M, H, N]).
    public let network: DeepLinearNetwork

    public var inputDimension: Int { network.widths[0] }
    public var outputDimension: Int { network.widths[2] }
    public var noise: GaussianNoise { network.noise }
    public var data: Dataset { network.data }
    public var truth: [Double]? { network.truth }
    public var dimension: Int { network.dimension }
    public var sampleCount: Int { network.sampleCount }
    public var parameterNames: [String] { network.parameterNames }

    /// y = B A x with M inputs, H hidden, N outputs.
    public init(inputs m: Int, outputs n: Int, hidden h: Int, sigma: Double = 1,
                data: Dataset? = nil, truth: [Double]? = nil) throws {
        for (name, v) in [("inputs", m), ("outputs", n), ("hidden", h)] where v <= 0 {
            throw ModelError("\(name) must be a positive integer, got \(v)")
        }
        network = try DeepLinearNetwork(widths: [m, h, n], layerNames: ["A", "B"], sigma: sigma, data: data, truth: truth)
    }

    init(network: DeepLinearNetwork) { self.network = network }

    /// A truth B0 A0 of rank r (`diagonal`, default 1/2, at (i, i), i < r, in
    /// both factors: inside the default prior [−1, 1]^d with margin).
    public func truth(rank r: Int, diagonal: Double = DeepLinearNetwork.defaultTruthDiagonal) throws -> [Double] {
        try network.truth(rank: r, diagonal: diagonal)
    }

    public func withData(_ data: Dataset, truth: [Double]?) throws -> ReducedRankRegression {
        ReducedRankRegression(network: try network.withData(data, truth: truth))
    }

    public func makeWorkspace(maxBatchSize: Int) -> Scratch { network.makeWorkspace(maxBatchSize: maxBatchSize) }

    @inlinable
    public func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout Scratch) -> Double {
        network.loss(w, workspace: &workspace)
    }

    @inlinable
    public func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>,
                                workspace: inout Scratch) -> Double {
        network.lossAndGradient(w, gradient: gradient, workspace: &workspace)
    }

    @inlinable
    public func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>,
                                     gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Scratch) -> Double {
        network.batchLossAndGradient(w, batch: batch, gradient: gradient, workspace: &workspace)
    }

    public func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>,
                               workspace: inout Scratch) {
        network.logLikelihoods(w, into: output, workspace: &workspace)
    }

    public func predict(_ w: UnsafeBufferPointer<Double>, input: UnsafeBufferPointer<Double>,
                        output: UnsafeMutableBufferPointer<Double>, workspace: inout Scratch) {
        network.predict(w, input: input, output: output, workspace: &workspace)
    }

    public func populationLoss(_ w: [Double]) -> Double? { network.populationLoss(w) }
}
