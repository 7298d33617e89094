/// λ̂ and m̂ from a weighted least-squares fit of a scaling law, the one
/// result type of the estimators that fit both (Watanabe 2009, ch. 6):
///
/// - `FreeEnergyFit`: F_n − nβL_n(ŵ) ≈ λ log(nβ) − (m − 1) log log(nβ) + c,
/// - `VolumeScaling`: log V(ε) ≈ log c + λ log ε + (m − 1) log(−log ε).
///
/// The shared numbers live here; what the estimator measured (its points,
/// settings and the rest of its fit) is `details`, whose properties read as
/// the fit's own (`fit.points`). Encoded flat: the shared keys beside the
/// details' keys.
@dynamicMemberLookup
public struct LambdaFit<Details: Sendable & Codable>: Sendable, Codable {
    public var lambda: Double
    public var lambdaError: Double
    /// m̂, continuous.
    public var multiplicity: Double
    public var multiplicityError: Double
    /// χ²/dof of the weighted fit; the errors are scaled by √(χ²/dof) when it exceeds 1.
    public var chiSquaredPerDof: Double
    /// The estimator's points and settings.
    public var details: Details

    public init(lambda: Double, lambdaError: Double, multiplicity: Double, multiplicityError: Double,
                chiSquaredPerDof: Double, details: Details) {
        self.lambda = lambda
        self.lambdaError = lambdaError
        self.multiplicity = multiplicity
        self.multiplicityError = multiplicityError
        self.chiSquaredPerDof = chiSquaredPerDof
        self.details = details
    }

    /// m̂ rounded to the nearest integer ≥ 1.
    public var multiplicityRounded: Int { Swift.max(1, Int(multiplicity.rounded())) }

    public subscript<T>(dynamicMember keyPath: KeyPath<Details, T>) -> T { details[keyPath: keyPath] }

    enum CodingKeys: String, CodingKey {
        case lambda, lambdaError = "lambda_error", multiplicity, multiplicityError = "multiplicity_error"
        case multiplicityRounded = "multiplicity_rounded", chiSquaredPerDof = "chi_squared_per_dof"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        lambda = try c.decode(Double.self, forKey: .lambda)
        lambdaError = try c.decode(Double.self, forKey: .lambdaError)
        multiplicity = try c.decode(Double.self, forKey: .multiplicity)
        multiplicityError = try c.decode(Double.self, forKey: .multiplicityError)
        chiSquaredPerDof = try c.decode(Double.self, forKey: .chiSquaredPerDof)
        details = try Details(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lambda, forKey: .lambda)
        try c.encode(lambdaError, forKey: .lambdaError)
        try c.encode(multiplicity, forKey: .multiplicity)
        try c.encode(multiplicityError, forKey: .multiplicityError)
        try c.encode(multiplicityRounded, forKey: .multiplicityRounded)
        try c.encode(chiSquaredPerDof, forKey: .chiSquaredPerDof)
        try details.encode(to: encoder)
    }
}
