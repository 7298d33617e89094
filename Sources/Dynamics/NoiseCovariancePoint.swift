import Foundation
import GSL

/// One point of a `NoiseCovariance` measurement: the matrices Σ̂ (measured),
/// Σ (formula) and H (Hessian of the potential), their traces' ratios, and
/// their spectra: eigenvalues, eigenvectors, numerical rank and the angle
/// between the principal directions of Σ̂ and H.
public struct NoiseCovariancePoint: Sendable, Codable {
    /// Eigenvalues (ascending) and unit eigenvectors (`vectors[i]` for `values[i]`)
    /// of a symmetric matrix, by GSL's `gsl_eigen_symmv`; `rank` counts the
    /// eigenvalues with |λ| > 10⁻⁹·max|λ|.
    public struct Spectrum: Sendable, Codable, Equatable {
        public var values: [Double]
        public var vectors: [[Double]]
        public var rank: Int

        public init?(_ m: [[Double]]) {
            guard let decomposition = try? SymmetricEigen.decompose(m) else { return nil }
            values = decomposition.values
            vectors = decomposition.vectors
            let top = values.map(abs).max() ?? 0
            rank = top > 0 ? values.filter { abs($0) > 1e-9 * top }.count : 0
        }

        /// The unit eigenvector of the eigenvalue largest in absolute value.
        public var principal: [Double] {
            let i = values.indices.max { abs(values[$0]) < abs(values[$1]) } ?? 0
            return vectors[i]
        }
    }

    public var point: [Double]
    public var q: Double
    public var gradientQ: [Double]
    public var empirical: [[Double]]
    public var standardError: [[Double]]
    public var formula: [[Double]]
    public var hessian: [[Double]]
    public var batchSize: Int
    public var noiseVariance: Double
    /// Spectra of Σ̂, Σ (formula) and H.
    public var empiricalSpectrum: Spectrum?
    public var formulaSpectrum: Spectrum?
    public var hessianSpectrum: Spectrum?

    /// The angle in degrees (0 to 90) between the principal eigenvectors of Σ̂ and
    /// of H; nil when either matrix is zero.
    public var principalAngle: Double? {
        guard let e = empiricalSpectrum, let h = hessianSpectrum, e.rank > 0, h.rank > 0 else { return nil }
        let c = min(1, abs(zip(e.principal, h.principal).reduce(0) { $0 + $1.0 * $1.1 }))
        return acos(c) * 180 / Double.pi
    }

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
        case empiricalSpectrum, formulaSpectrum, hessianSpectrum, principalAngle
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
        try c.encode(empiricalSpectrum, forKey: .empiricalSpectrum); try c.encode(formulaSpectrum, forKey: .formulaSpectrum)
        try c.encode(hessianSpectrum, forKey: .hessianSpectrum); try c.encode(principalAngle, forKey: .principalAngle)
    }

    public init(point: [Double], q: Double, gradientQ: [Double], empirical: [[Double]], standardError: [[Double]],
                formula: [[Double]], hessian: [[Double]], batchSize: Int, noiseVariance: Double) {
        self.point = point; self.q = q; self.gradientQ = gradientQ; self.empirical = empirical
        self.standardError = standardError; self.formula = formula; self.hessian = hessian
        self.batchSize = batchSize; self.noiseVariance = noiseVariance
        empiricalSpectrum = Spectrum(empirical)
        formulaSpectrum = Spectrum(formula)
        hessianSpectrum = Spectrum(hessian)
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
