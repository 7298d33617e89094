/// Linear regression y = W x + b + ε, ε ~ N(0, σ² I_N), W: N×M — a regular
/// model (λ = d/2, m = 1).
///
/// Layout of w: W row-major (N·M entries), then b (N entries) when
/// `bias` is true. The full-data loss uses sufficient statistics (O(N M²)
/// per call, independent of n).
public struct LinearRegression: RegressionModel {
    public let inputDimension: Int
    public let outputDimension: Int
    /// Whether the model has the offset b.
    public let bias: Bool
    public let noise: GaussianNoise
    public let truth: [Double]?
    @usableFromInline let likelihood: AffineLikelihood

    public var data: Dataset { likelihood.data }
    public var dimension: Int { outputDimension * inputDimension + (bias ? outputDimension : 0) }
    public var sampleCount: Int { likelihood.data.count }
    public var parameterNames: [String] {
        ParameterNames.matrix("W", rows: outputDimension, columns: inputDimension)
            + (bias ? ParameterNames.vector("b", count: outputDimension) : [])
    }

    /// A model with M inputs, N outputs and noise σ on `data` (empty by default).
    public init(inputs m: Int, outputs n: Int, bias: Bool = true, sigma: Double = 1,
                data: Dataset? = nil, truth: [Double]? = nil) throws {
        guard m > 0, n > 0 else { throw ModelError("linear regression needs positive input and output sizes, got \(m) and \(n)") }
        guard sigma > 0, sigma.isFinite else { throw ModelError("sigma must be positive and finite, got \(sigma)") }
        inputDimension = m
        outputDimension = n
        self.bias = bias
        noise = GaussianNoise(sigma: sigma)
        let data = data ?? .empty(inputDimension: m, outputDimension: n)
        self.truth = truth
        likelihood = AffineLikelihood(data: data, noise: noise)
        try checkShape(of: data)
        if let truth, truth.count != dimension { throw ModelError("the truth has \(truth.count) parameters, the model \(dimension)") }
    }

    /// The truth W0 = diag(c,…,c,0,…) of rank r (r entries `diagonal`,
    /// default 1/2, on the diagonal), b0 = 0: inside the default prior
    /// [−1, 1]^d with margin (`Prior.boundaryContacts`), as for the other networks.
    public func truth(rank r: Int, diagonal: Double = DeepLinearNetwork.defaultTruthDiagonal) throws -> [Double] {
        guard r >= 0, r <= min(inputDimension, outputDimension) else {
            throw ModelError("rank must be between 0 and min(M, N) = \(min(inputDimension, outputDimension)), got \(r)")
        }
        var w = [Double](repeating: 0, count: dimension)
        for i in 0..<r { w[i * inputDimension + i] = diagonal }
        return w
    }

    public func withData(_ data: Dataset, truth: [Double]?) throws -> LinearRegression {
        try LinearRegression(inputs: inputDimension, outputs: outputDimension, bias: bias, sigma: noise.sigma,
                             data: data, truth: truth)
    }

    public func makeWorkspace(maxBatchSize: Int) -> Scratch {
        Scratch(sizes: [max(inputDimension, outputDimension)])
    }

    @inlinable
    public func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout Scratch) -> Double {
        let p = w.baseAddress!
        return likelihood.fullLoss(p: p, c: bias ? p + outputDimension * inputDimension : nil,
                                   gP: nil, gc: nil, u: workspace[0])
    }

    @inlinable
    public func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>,
                                workspace: inout Scratch) -> Double {
        let p = w.baseAddress!, g = gradient.baseAddress!, nm = outputDimension * inputDimension
        return likelihood.fullLoss(p: p, c: bias ? p + nm : nil, gP: g, gc: bias ? g + nm : nil, u: workspace[0])
    }

    @inlinable
    public func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>,
                                     gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Scratch) -> Double {
        let p = w.baseAddress!, g = gradient.baseAddress!, nm = outputDimension * inputDimension
        return likelihood.batchLoss(p: p, c: bias ? p + nm : nil, batch: batch,
                                    gP: g, gc: bias ? g + nm : nil, res: workspace[0])
    }

    public func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>,
                               workspace: inout Scratch) {
        let p = w.baseAddress!
        likelihood.logLikelihoods(p: p, c: bias ? p + outputDimension * inputDimension : nil, into: output)
    }

    public func predict(_ w: UnsafeBufferPointer<Double>, input: UnsafeBufferPointer<Double>,
                        output: UnsafeMutableBufferPointer<Double>, workspace: inout Scratch) {
        let m = inputDimension, nm = outputDimension * m
        for r in 0..<outputDimension {
            var f = bias ? w[nm + r] : 0
            for a in 0..<m { f += w[r * m + a] * input[a] }
            output[r] = f
        }
    }

    /// K(w) = (1/2σ²) E|(W − W0) x + (b − b0)|² for synthetic inputs; nil otherwise.
    public func populationLoss(_ w: [Double]) -> Double? {
        guard let truth, let law = data.inputDistribution, w.count == dimension else { return nil }
        let nm = outputDimension * inputDimension
        let d = zip(w, truth).map { $0 - $1 }
        return AffineLikelihood.populationLoss(deltaP: Array(d[0..<nm]), deltaC: bias ? Array(d[nm...]) : nil,
                                               inputs: law, m: inputDimension, k: outputDimension, noise: noise)
    }
}
