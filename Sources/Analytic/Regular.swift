import Polynomials

/// Regular models: a unique true parameter with positive-definite Fisher
/// information (Hessian of K) and a prior positive there: λ = d/2, m = 1.
///
/// Source: Schwarz (1978), BIC; Watanabe, *Algebraic Geometry and Statistical
/// Learning Theory* (2009), §1.
public enum Regular {
    /// λ = d/2, m = 1 for a regular model with `dimension` = d parameters.
    public static func coefficient(dimension d: Int) throws -> LearningCoefficient {
        guard d >= 0 else {
            throw AnalyticError.invalidInput(field: "dimension", reason: "expected d ≥ 0, got \(d)")
        }
        return LearningCoefficient(
            lambda: Rational(d, 2), multiplicity: 1,
            method: "regular model (λ = d/2)",
            source: "Schwarz 1978 (BIC); Watanabe 2009, Algebraic Geometry and Statistical Learning Theory, §1.4",
            assumptions: [
                "the true parameter is unique and the Fisher information there is positive definite",
                "the prior density is positive and continuous at the true parameter",
            ])
    }
}
