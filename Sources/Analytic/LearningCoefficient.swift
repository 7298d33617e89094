import Polynomials

/// A learning coefficient (real log canonical threshold) λ with its
/// multiplicity m: the largest pole of ζ(z) = ∫ K(w)^z φ(w) dw is at z = −λ,
/// of order m, and F_n = nL_n(w0) + λ log n − (m − 1) log log n + O_p(1).
public struct LearningCoefficient: Sendable, Codable, Hashable, CustomStringConvertible {
    /// λ, exact.
    public var lambda: Rational
    /// m, or nil where the theorem gives only λ.
    public var multiplicity: Int?
    /// How λ was obtained ("reduced rank regression, case 1", "Newton polyhedron").
    public var method: String
    /// The theorem's source (paper, equation).
    public var source: String
    /// Conditions the result relies on (prior positive at the truth, non-degeneracy…).
    public var assumptions: [String]
    /// Where the value is attained, when the family makes that explicit
    /// (for a global λ: the true parameters that attain it, and with which order).
    public var attainedAt: String?

    public init(lambda: Rational, multiplicity: Int?, method: String, source: String,
                assumptions: [String] = [], attainedAt: String? = nil) {
        self.lambda = lambda
        self.multiplicity = multiplicity
        self.method = method
        self.source = source
        self.assumptions = assumptions
        self.attainedAt = attainedAt
    }

    /// λ as a Double.
    public var lambdaValue: Double { lambda.doubleValue }

    /// λ in decimal: exact when the expansion terminates within six digits
    /// (`0.5`), else rounded to six digits (`0.416667`).
    public var lambdaDecimal: String { Self.decimal(lambda).text }

    /// `λ = 5/12 ≈ 0.416667, m = 1`; `λ = 1/2 = 0.5, m = 2`; `λ = 3, m = 1`.
    public var description: String {
        let (text, exact) = Self.decimal(lambda)
        var s = "λ = \(lambda)"
        if !lambda.isInteger { s += exact ? " = \(text)" : " ≈ \(text)" }
        if let multiplicity {
            s += ", m = \(multiplicity)"
        } else {
            s += " (m not determined)"
        }
        return s
    }

    /// p/q to six decimals with exact integer rounding (half away from zero);
    /// `exact` when no digit was dropped. Falls back to Double for huge values.
    static func decimal(_ r: Rational) -> (text: String, exact: Bool) {
        let scale = 1_000_000
        let (scaled, overflow) = r.numerator.magnitude.multipliedReportingOverflow(by: UInt(scale))
        guard !overflow else { return ("\(r.doubleValue)", false) }
        let q = UInt(r.denominator)
        let exact = scaled % q == 0
        let rounded = (scaled + q / 2) / q
        let integerPart = rounded / UInt(scale)
        var fraction = String(rounded % UInt(scale))
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        if exact { while fraction.hasSuffix("0") { fraction.removeLast() } }
        var text = r.numerator < 0 && rounded != 0 ? "-" : ""
        text += "\(integerPart)"
        if !fraction.isEmpty { text += "." + fraction }
        return (text, exact)
    }
}
