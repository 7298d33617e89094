/// An integral's estimate with its error estimate.
public struct IntegrationResult: Sendable, Equatable, Codable {
    /// The estimate of the integral.
    public var value: Double
    /// The routine's absolute error estimate (one standard deviation for the
    /// Monte Carlo routines).
    public var error: Double
    /// Integrand evaluations, where the routine reports them (CQUAD, Monte Carlo).
    public var evaluations: Int?
    /// VEGAS: refinement rounds after the warm-up.
    public var iterations: Int?
    /// VEGAS: χ²/dof of the last round's iterations (near 1 when consistent).
    public var chiSquaredPerDof: Double?

    public init(value: Double, error: Double, evaluations: Int? = nil,
                iterations: Int? = nil, chiSquaredPerDof: Double? = nil) {
        self.value = value
        self.error = error
        self.evaluations = evaluations
        self.iterations = iterations
        self.chiSquaredPerDof = chiSquaredPerDof
    }
}
