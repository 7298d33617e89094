/// One point of a `NoiseCovariance` measurement.
public struct NoiseCovariancePoint: Sendable, Codable {
    public var point: [Double]
    public var q: Double
    public var gradientQ: [Double]
    public var empirical: [[Double]]
    public var standardError: [[Double]]
    public var formula: [[Double]]
    public var hessian: [[Double]]
    public var batchSize: Int
    public var noiseVariance: Double

    static func trace(_ m: [[Double]]) -> Double { m.indices.reduce(0) { $0 + m[$1][$1] } }

    /// tr Σ̂ / tr Σ (1 if the formula holds); nil where ∇Q = 0.
    public var ratioToFormula: Double? {
        let t = Self.trace(formula)
        return t > 0 ? Self.trace(empirical) / t : nil
    }
    /// Standard error of `ratioToFormula` (from the diagonal entries' errors, added in quadrature).
    public var ratioToFormulaError: Double? {
        let t = Self.trace(formula)
        guard t > 0 else { return nil }
        return (standardError.indices.reduce(0) { $0 + standardError[$1][$1] * standardError[$1][$1] }).squareRoot() / t
    }
    /// B·tr Σ̂ / tr H, which tends to v_y at a critical point; nil where tr H ≤ 0.
    public var ratioToHessian: Double? {
        let t = Self.trace(hessian)
        return t > 0 ? Double(batchSize) * Self.trace(empirical) / t : nil
    }
    /// The same ratio predicted by the formula: B·tr Σ / tr H.
    public var predictedRatioToHessian: Double? {
        let t = Self.trace(hessian)
        return t > 0 ? Double(batchSize) * Self.trace(formula) / t : nil
    }
    /// Largest |Σ̂_jk − Σ_jk| / se_jk over entries with se > 0 (0 when all se are 0).
    public var maxZ: Double {
        var z = 0.0
        for j in empirical.indices {
            for k in empirical.indices where standardError[j][k] > 0 {
                z = max(z, abs(empirical[j][k] - formula[j][k]) / standardError[j][k])
            }
        }
        return z
    }

    enum CodingKeys: String, CodingKey {
        case point, q, gradientQ, empirical, standardError, formula, hessian, batchSize, noiseVariance
        case ratioToFormula, ratioToFormulaError, ratioToHessian, predictedRatioToHessian, maxZ
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(point, forKey: .point); try c.encode(q, forKey: .q)
        try c.encode(gradientQ, forKey: .gradientQ); try c.encode(empirical, forKey: .empirical)
        try c.encode(standardError, forKey: .standardError); try c.encode(formula, forKey: .formula)
        try c.encode(hessian, forKey: .hessian); try c.encode(batchSize, forKey: .batchSize)
        try c.encode(noiseVariance, forKey: .noiseVariance)
        try c.encode(ratioToFormula, forKey: .ratioToFormula); try c.encode(ratioToFormulaError, forKey: .ratioToFormulaError)
        try c.encode(ratioToHessian, forKey: .ratioToHessian)
        try c.encode(predictedRatioToHessian, forKey: .predictedRatioToHessian); try c.encode(maxZ, forKey: .maxZ)
    }

    public init(point: [Double], q: Double, gradientQ: [Double], empirical: [[Double]], standardError: [[Double]],
                formula: [[Double]], hessian: [[Double]], batchSize: Int, noiseVariance: Double) {
        self.point = point; self.q = q; self.gradientQ = gradientQ; self.empirical = empirical
        self.standardError = standardError; self.formula = formula; self.hessian = hessian
        self.batchSize = batchSize; self.noiseVariance = noiseVariance
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(point: try c.decode([Double].self, forKey: .point), q: try c.decode(Double.self, forKey: .q),
                  gradientQ: try c.decode([Double].self, forKey: .gradientQ),
                  empirical: try c.decode([[Double]].self, forKey: .empirical),
                  standardError: try c.decode([[Double]].self, forKey: .standardError),
                  formula: try c.decode([[Double]].self, forKey: .formula),
                  hessian: try c.decode([[Double]].self, forKey: .hessian),
                  batchSize: try c.decode(Int.self, forKey: .batchSize),
                  noiseVariance: try c.decode(Double.self, forKey: .noiseVariance))
    }
}
