import Polynomials

/// λ_ij and m_ij of one pair of a selection family (truth in candidate j,
/// fitted with candidate i ⪰ j), with where the value comes from.
///
/// `upperBound` marks a λ that no theorem gives exactly: sBIC then uses the
/// bound as if it were λ (m = 1), which over-penalises candidate i for that
/// truth (a larger λ makes L'_ij smaller), as Drton & Plummer (2017, §6) do
/// for mixtures with Aoyagi's bounds.
public struct PairCoefficient: Sendable, Hashable, Codable {
    public var lambda: Rational
    public var multiplicity: Int
    public var upperBound: Bool
    /// How the value was obtained (the theorem's case, or the bound's argument).
    public var method: String
    public var source: String

    public init(lambda: Rational, multiplicity: Int, upperBound: Bool, method: String, source: String) {
        self.lambda = lambda
        self.multiplicity = multiplicity
        self.upperBound = upperBound
        self.method = method
        self.source = source
    }

    /// `3/4`, `1/2 (m 2)`, `≤ 5/2`.
    public var text: String {
        (upperBound ? "≤ " : "") + "\(lambda)" + (multiplicity > 1 ? " (m \(multiplicity))" : "")
    }

    enum CodingKeys: String, CodingKey {
        case lambda, multiplicity, upperBound = "upper_bound", method, source
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("\(lambda)", forKey: .lambda)
        try c.encode(multiplicity, forKey: .multiplicity)
        try c.encode(upperBound, forKey: .upperBound)
        try c.encode(method, forKey: .method)
        try c.encode(source, forKey: .source)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .lambda)
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == (text.contains("/") ? 2 : 1), parts.last != 0 else {
            throw DecodingError.dataCorruptedError(forKey: .lambda, in: c, debugDescription: "expected p/q, got \(text)")
        }
        lambda = Rational(parts[0], parts.count == 2 ? parts[1] : 1)
        multiplicity = try c.decode(Int.self, forKey: .multiplicity)
        upperBound = try c.decode(Bool.self, forKey: .upperBound)
        method = try c.decode(String.self, forKey: .method)
        source = try c.decode(String.self, forKey: .source)
    }
}
