/// The result of a linear least-squares fit `y ≈ X c`.
public struct LinearFit: Sendable, Equatable, Codable {
    /// The fitted coefficients `c` (one per design-matrix column).
    public var coefficients: [Double]
    /// The covariance of the coefficients, `p × p`, row-major rows.
    /// Weighted fits: `(XᵀWX)⁻¹`. Unweighted fits: `s²(XᵀX)⁻¹` with
    /// `s² = χ²/dof` the residual variance (GSL's convention).
    public var covariance: [[Double]]
    /// `χ² = Σ wᵢ (yᵢ − (Xc)ᵢ)²` (wᵢ = 1 when unweighted).
    public var chiSquared: Double
    /// Degrees of freedom `n − p`.
    public var dof: Int

    public init(coefficients: [Double], covariance: [[Double]], chiSquared: Double, dof: Int) {
        self.coefficients = coefficients
        self.covariance = covariance
        self.chiSquared = chiSquared
        self.dof = dof
    }

    /// Standard errors `√cov_jj`.
    public var standardErrors: [Double] {
        covariance.indices.map { covariance[$0][$0].squareRoot() }
    }
}
