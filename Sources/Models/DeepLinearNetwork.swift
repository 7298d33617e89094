/// A deep linear network y = W_L ⋯ W_1 x + ε, ε ~ N(0, σ² I), with widths
/// H_1 (input) … H_{L+1} (output); W_l is H_{l+1} × H_l. Learning
/// coefficient: Aoyagi (2024), Neural Networks 172:106132.
///
/// Layout of w: W_1, …, W_L, each row-major. The loss depends on w only
/// through P = W_L ⋯ W_1, so each call forms P (O(Σ H_l H_{l+1} M)), takes
/// ∂L/∂P from the data (sufficient statistics for the full loss, one pass
/// over the batch otherwise) and applies the chain rule
/// ∂L/∂W_l = (W_L ⋯ W_{l+1})ᵀ (∂L/∂P) (W_{l−1} ⋯ W_1)ᵀ.
public struct DeepLinearNetwork: RegressionModel {
    /// H_1 … H_{L+1}.
    public let widths: [Int]
    public let noise: GaussianNoise
    public let truth: [Double]?
    /// The prefix used in parameter names (`W1[0,0]`, …), or explicit
    /// per-layer names (`A`, `B` for reduced-rank regression).
    let layerNames: [String]
    @usableFromInline let likelihood: AffineLikelihood
    @usableFromInline let offsets: [Int]

    public var data: Dataset { likelihood.data }
    public var inputDimension: Int { widths[0] }
    public var outputDimension: Int { widths[widths.count - 1] }
    /// L, the number of weight matrices.
    public var depth: Int { widths.count - 1 }
    public var dimension: Int { offsets[depth] }
    public var sampleCount: Int { likelihood.data.count }
    public var parameterNames: [String] {
        (0..<depth).flatMap { l in ParameterNames.matrix(layerNames[l], rows: widths[l + 1], columns: widths[l]) }
    }

    /// A network with the given widths (input first, at least two entries).
    public init(widths: [Int], sigma: Double = 1, data: Dataset? = nil, truth: [Double]? = nil) throws {
        try self.init(widths: widths, layerNames: (1..<max(widths.count, 2)).map { "W\($0)" },
                      sigma: sigma, data: data, truth: truth)
    }

    init(widths: [Int], layerNames: [String], sigma: Double, data: Dataset?, truth: [Double]?) throws {
        guard widths.count >= 2 else { throw ModelError("a deep linear network needs at least two widths (input and output), got \(widths.count)") }
        for (i, h) in widths.enumerated() where h <= 0 {
            throw ModelError("widths[\(i)] must be a positive integer, got \(h)")
        }
        guard sigma > 0, sigma.isFinite else { throw ModelError("sigma must be positive and finite, got \(sigma)") }
        self.widths = widths
        self.layerNames = layerNames
        noise = GaussianNoise(sigma: sigma)
        var offsets = [0]
        for l in 0..<(widths.count - 1) { offsets.append(offsets[l] + widths[l] * widths[l + 1]) }
        self.offsets = offsets
        let data = data ?? .empty(inputDimension: widths[0], outputDimension: widths[widths.count - 1])
        likelihood = AffineLikelihood(data: data, noise: noise)
        self.truth = truth
        try checkShape(of: data)
        if let truth, truth.count != dimension { throw ModelError("the truth has \(truth.count) parameters, the model \(dimension)") }
    }

    /// A truth of rank r: every W_l has `diagonal` (default 1/2) at (i, i)
    /// for i < r and zeros elsewhere, so P = W_L ⋯ W_1 has rank r. Needs
    /// r ≤ min widths. The default keeps the truth a quarter of the box width
    /// inside the default prior [−1, 1]^d: entries of 1 sit on its edge, where
    /// the analytic λ (which assumes a prior positive around the truth) fails.
    public static let defaultTruthDiagonal = 0.5

    public func truth(rank r: Int, diagonal: Double = DeepLinearNetwork.defaultTruthDiagonal) throws -> [Double] {
        let cap = widths.min()!
        guard r >= 0, r <= cap else { throw ModelError("rank must be between 0 and the smallest width \(cap), got \(r)") }
        var w = [Double](repeating: 0, count: dimension)
        for l in 0..<depth {
            for i in 0..<r { w[offsets[l] + i * widths[l] + i] = diagonal }
        }
        return w
    }

    public func withData(_ data: Dataset, truth: [Double]?) throws -> DeepLinearNetwork {
        try DeepLinearNetwork(widths: widths, layerNames: layerNames, sigma: noise.sigma, data: data, truth: truth)
    }

    // Workspace slices: 0 ..< L: R_{l+1} = W_l ⋯ W_1 (H_{l+1} × M), so slice L−1 is P;
    // L ..< 2L−1: Lf_l = W_L ⋯ W_{l+1} (N × H_{l+1}) for l = 1 … L−1;
    // 2L−1: ∂L/∂P; 2L: T; 2L+1: a vector of max width; 2L+2: another.
    public func makeWorkspace(maxBatchSize: Int) -> Scratch {
        let m = inputDimension, n = outputDimension, L = depth, hmax = widths.max()!
        var sizes = (0..<L).map { widths[$0 + 1] * m }
        sizes += (0..<max(L - 1, 0)).map { n * widths[$0 + 1] }
        sizes += [n * m, hmax * m, hmax, hmax]
        return Scratch(sizes: sizes)
    }

    /// Forms R_{l+1} = W_l ⋯ W_1 for every l (slice L−1 is P).
    @inlinable
    func formProducts(_ w: UnsafePointer<Double>, _ s: Scratch) {
        let m = inputDimension
        let w1 = w, r1 = s[0]
        for j in 0..<(widths[1] * m) { r1[j] = w1[j] }
        for l in 1..<depth {
            Dense.multiply(w + offsets[l], s[l - 1], into: s[l], m: widths[l + 1], k: widths[l], n: m)
        }
    }

    /// Applies the chain rule from ∂L/∂P (slice 2L−1) to every W_l.
    @inlinable
    func backpropagate(_ w: UnsafePointer<Double>, _ s: Scratch, into g: UnsafeMutablePointer<Double>) {
        let L = depth, m = inputDimension, n = outputDimension
        let gP = s[2 * L - 1], t = s[2 * L]
        // Lf_l = W_L ⋯ W_{l+1}, slice L + l − 1, for l = L−1 down to 1.
        if L >= 2 {
            let last = w + offsets[L - 1]
            for j in 0..<(n * widths[L - 1]) { s[L + L - 2][j] = last[j] }  // Lf_{L−1} = W_L
            var l = L - 2
            while l >= 1 {
                Dense.multiply(s[L + l], w + offsets[l], into: s[L + l - 1], m: n, k: widths[l + 1], n: widths[l])
                l -= 1
            }
        }
        for l in 1...L {  // gradient of W_l (H_{l+1} × H_l)
            let gl = g + offsets[l - 1]
            let hOut = widths[l], hIn = widths[l - 1]
            let left: UnsafeMutablePointer<Double>  // Lf_lᵀ ∂L/∂P, hOut × M
            if l == L { left = gP } else {
                Dense.multiplyTransposedA(s[L + l - 1], gP, into: t, m: hOut, k: n, n: m)
                left = t
            }
            if l == 1 {
                for j in 0..<(hOut * m) { gl[j] = left[j] }
            } else {
                Dense.multiplyTransposedB(left, s[l - 2], into: gl, m: hOut, k: m, n: hIn)
            }
        }
    }

    @inlinable
    public func loss(_ w: UnsafeBufferPointer<Double>, workspace s: inout Scratch) -> Double {
        formProducts(w.baseAddress!, s)
        return likelihood.fullLoss(p: s[depth - 1], c: nil, gP: nil, gc: nil, u: s[2 * depth + 1])
    }

    @inlinable
    public func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>,
                                workspace s: inout Scratch) -> Double {
        formProducts(w.baseAddress!, s)
        let value = likelihood.fullLoss(p: s[depth - 1], c: nil, gP: s[2 * depth - 1], gc: nil, u: s[2 * depth + 1])
        backpropagate(w.baseAddress!, s, into: gradient.baseAddress!)
        return value
    }

    @inlinable
    public func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>,
                                     gradient: UnsafeMutableBufferPointer<Double>, workspace s: inout Scratch) -> Double {
        formProducts(w.baseAddress!, s)
        let value = likelihood.batchLoss(p: s[depth - 1], c: nil, batch: batch, gP: s[2 * depth - 1], gc: nil,
                                         res: s[2 * depth + 1])
        backpropagate(w.baseAddress!, s, into: gradient.baseAddress!)
        return value
    }

    public func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>,
                               workspace s: inout Scratch) {
        formProducts(w.baseAddress!, s)
        likelihood.logLikelihoods(p: s[depth - 1], c: nil, into: output)
    }

    public func predict(_ w: UnsafeBufferPointer<Double>, input: UnsafeBufferPointer<Double>,
                        output: UnsafeMutableBufferPointer<Double>, workspace s: inout Scratch) {
        var a = s[2 * depth + 1], b = s[2 * depth + 2]
        for j in 0..<inputDimension { a[j] = input[j] }
        for l in 0..<depth {
            Dense.multiply(w.baseAddress! + offsets[l], a, into: b, m: widths[l + 1], k: widths[l], n: 1)
            swap(&a, &b)
        }
        for r in 0..<outputDimension { output[r] = a[r] }
    }

    /// The end-to-end matrix P = W_L ⋯ W_1 (N × M, row-major).
    public func product(_ w: [Double]) -> [Double] {
        let s = makeWorkspace(maxBatchSize: 1)
        w.withUnsafeBufferPointer { formProducts($0.baseAddress!, s) }
        return Array(UnsafeBufferPointer(start: s[depth - 1], count: outputDimension * inputDimension))
    }

    /// K(w) = (1/2σ²) E|(P(w) − P(w0)) x|² for synthetic inputs; nil otherwise.
    public func populationLoss(_ w: [Double]) -> Double? {
        guard let truth, let law = data.inputDistribution, w.count == dimension else { return nil }
        let d = zip(product(w), product(truth)).map { $0 - $1 }
        return AffineLikelihood.populationLoss(deltaP: d, deltaC: nil, inputs: law,
                                               m: inputDimension, k: outputDimension, noise: noise)
    }
}
