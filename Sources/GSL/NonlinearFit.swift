/// The result of a nonlinear least-squares fit.
public struct NonlinearFit: Sendable, Equatable, Codable {
    /// The best-fit parameters.
    public var parameters: [Double]
    /// Parameter covariance, `p × p`: `(JᵀWJ)⁻¹` for weighted fits,
    /// `(χ²/dof)(JᵀJ)⁻¹` for unweighted ones (as `LinearFit`).
    public var covariance: [[Double]]
    /// `χ² = Σ wᵢ rᵢ²` at the optimum.
    public var chiSquared: Double
    /// Degrees of freedom `n − p`.
    public var dof: Int
    /// Trust-region iterations taken.
    public var iterations: Int

    public init(parameters: [Double], covariance: [[Double]], chiSquared: Double, dof: Int, iterations: Int) {
        self.parameters = parameters
        self.covariance = covariance
        self.chiSquared = chiSquared
        self.dof = dof
        self.iterations = iterations
    }

    /// Standard errors `√cov_jj`.
    public var standardErrors: [Double] {
        covariance.indices.map { covariance[$0][$0].squareRoot() }
    }
}
