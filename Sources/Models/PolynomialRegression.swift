import Polynomials

/// The seeds' model y = Q(w)·x + ε with scalar x and y, Q a polynomial in
/// the parameters, ε ~ N(0, σ²); the truth is y = a·x + ε (the seeds take
/// a = 0, σ = 1, x ~ N(0, 1)).
///
/// The loss depends on the data only through Sxx = Σx², Sxy = Σxy, Syy = Σy²:
/// L_n(w) = (Syy − 2Q Sxy + Q² Sxx)/(2σ²n) + ½log(2πσ²) and
/// ∇L_n = (Q Sxx − Sxy)/(σ²n) ∇Q, so a full-batch step costs O(1) in n.
/// Population loss: K(w) = (Q(w) − a)² E[x²]/(2σ²), with E[x²] = sd² + mean²
/// for normal inputs and (lo² + lo·hi + hi²)/3 for U[lo, hi].
public struct PolynomialRegression: RegressionModel {
    /// Q, the model output's coefficient.
    public let q: Polynomial
    /// Q compiled over `parameterNames`.
    public let compiled: CompiledPolynomial
    public let noise: GaussianNoise
    public let data: Dataset
    /// a, the true coefficient, when known.
    public let trueCoefficient: Double?
    /// A parameter w0 with Q(w0) = a, when given (the reference point of reports).
    public let truth: [Double]?
    @usableFromInline let sxx: Double
    @usableFromInline let sxy: Double
    @usableFromInline let syy: Double

    public var inputDimension: Int { 1 }
    public var outputDimension: Int { 1 }
    public var dimension: Int { compiled.variables.count }
    public var parameterNames: [String] { compiled.variables }
    public var sampleCount: Int { data.count }

    /// The model y = Q(w)·x over `variables` (default: Q's own, in natural
    /// order; a longer list adds parameters Q does not use).
    public init(q: Polynomial, variables: [String]? = nil, sigma: Double = 1, data: Dataset? = nil,
                trueCoefficient: Double? = nil, truth: [Double]? = nil) throws {
        guard sigma > 0, sigma.isFinite else { throw ModelError("sigma must be positive and finite, got \(sigma)") }
        let variables = variables ?? q.variables
        guard !variables.isEmpty else { throw ModelError("Q = \(q) has no variables; the model needs at least one parameter") }
        do {
            compiled = try CompiledPolynomial(q, variables: variables)
        } catch {
            throw ModelError("\(error)")
        }
        self.q = q
        noise = GaussianNoise(sigma: sigma)
        let data = data ?? .empty(inputDimension: 1, outputDimension: 1)
        self.data = data
        self.truth = truth
        if let truth {
            guard truth.count == variables.count else { throw ModelError("the truth has \(truth.count) parameters, the model \(variables.count)") }
        }
        let compiled = self.compiled
        self.trueCoefficient = trueCoefficient ?? truth.map { compiled.value($0) }
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in 0..<data.count {
            let x = data.inputs[i], y = data.outputs[i]
            sxx += x * x
            sxy += x * y
            syy += y * y
        }
        self.sxx = sxx
        self.sxy = sxy
        self.syy = syy
        try checkShape(of: data)
    }

    /// The model on n samples y_i = a x_i + ε_i (draw order as in `Dataset.synthetic`).
    public func withSyntheticData(trueCoefficient a: Double, count n: Int, inputs law: InputDistribution = .standardNormal,
                                  noise: Double? = nil, seed: UInt64) throws -> PolynomialRegression {
        let data = try Dataset.synthetic(inputDimension: 1, outputDimension: 1, count: n, inputs: law,
                                         noise: noise ?? self.noise.sigma, seed: seed) { x, y in y[0] = a * x[0] }
        return try PolynomialRegression(q: q, variables: compiled.variables, sigma: self.noise.sigma, data: data,
                                        trueCoefficient: a, truth: truth)
    }

    public func withData(_ data: Dataset, truth: [Double]?) throws -> PolynomialRegression {
        try PolynomialRegression(q: q, variables: compiled.variables, sigma: noise.sigma, data: data,
                                 trueCoefficient: truth == nil ? trueCoefficient : nil, truth: truth)
    }

    public func makeWorkspace(maxBatchSize: Int) -> Scratch { Scratch(sizes: [compiled.scratchCount]) }

    /// (Syy − 2Q Sxy + Q² Sxx)/(2σ² count) + ½log(2πσ²), and ∇ if asked.
    @inlinable
    func evaluate(_ w: UnsafeBufferPointer<Double>, sxx: Double, sxy: Double, syy: Double, count: Int,
                  gradient: UnsafeMutableBufferPointer<Double>?, _ s: Scratch) -> Double {
        let scratch = UnsafeMutableBufferPointer(start: s[0], count: compiled.scratchCount)
        let n = Double(count)
        if let gradient {
            let qv = compiled.valueAndGradient(at: w, gradient: gradient, scratch: scratch)
            let factor = (qv * sxx - sxy) * noise.precision / n
            for j in 0..<dimension { gradient[j] *= factor }
            return (syy - 2 * qv * sxy + qv * qv * sxx) * noise.precision / (2 * n) + noise.logNormalizer
        }
        let qv = compiled.value(at: w, scratch: scratch)
        return (syy - 2 * qv * sxy + qv * qv * sxx) * noise.precision / (2 * n) + noise.logNormalizer
    }

    @inlinable
    public func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout Scratch) -> Double {
        evaluate(w, sxx: sxx, sxy: sxy, syy: syy, count: data.count, gradient: nil, workspace)
    }

    @inlinable
    public func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>,
                                workspace: inout Scratch) -> Double {
        evaluate(w, sxx: sxx, sxy: sxy, syy: syy, count: data.count, gradient: gradient, workspace)
    }

    @inlinable
    public func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>,
                                     gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Scratch) -> Double {
        var bxx = 0.0, bxy = 0.0, byy = 0.0
        data.inputs.withUnsafeBufferPointer { xs in
            data.outputs.withUnsafeBufferPointer { ys in
                for i in batch {
                    let x = xs[i], y = ys[i]
                    bxx += x * x
                    bxy += x * y
                    byy += y * y
                }
            }
        }
        return evaluate(w, sxx: bxx, sxy: bxy, syy: byy, count: batch.count, gradient: gradient, workspace)
    }

    public func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>,
                               workspace: inout Scratch) {
        let qv = compiled.value(at: w, scratch: UnsafeMutableBufferPointer(start: workspace[0], count: compiled.scratchCount))
        for i in 0..<data.count {
            let e = data.outputs[i] - qv * data.inputs[i]
            output[i] = -e * e * noise.precision / 2 - noise.logNormalizer
        }
    }

    public func predict(_ w: UnsafeBufferPointer<Double>, input: UnsafeBufferPointer<Double>,
                        output: UnsafeMutableBufferPointer<Double>, workspace: inout Scratch) {
        output[0] = compiled.value(at: w, scratch: UnsafeMutableBufferPointer(start: workspace[0], count: compiled.scratchCount)) * input[0]
    }

    /// K(w) = (Q(w) − a)² E[x²]/(2σ²) for synthetic inputs with known a; nil otherwise.
    public func populationLoss(_ w: [Double]) -> Double? {
        guard let a = trueCoefficient, let law = data.inputDistribution, w.count == dimension else { return nil }
        let d = compiled.value(w) - a
        return d * d * law.secondMoment * noise.precision / 2
    }
}
