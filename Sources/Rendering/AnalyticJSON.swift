import Analytic

/// The JSON form of a `LearningCoefficient`: λ in decimal and exact.
public struct AnalyticJSON: Encodable, Sendable {
    public var result: LearningCoefficient
    public init(_ result: LearningCoefficient) { self.result = result }

    public enum CodingKeys: String, CodingKey {
        case lambda, lambdaExact = "lambda_exact", multiplicity, method, source, assumptions, attainedAt = "attained_at"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(result.lambdaValue, forKey: .lambda)
        try c.encode(result.lambda.description, forKey: .lambdaExact)
        if let m = result.multiplicity { try c.encode(m, forKey: .multiplicity) } else { try c.encodeNil(forKey: .multiplicity) }
        try c.encode(result.method, forKey: .method)
        try c.encode(result.source, forKey: .source)
        try c.encode(result.assumptions, forKey: .assumptions)
        if let a = result.attainedAt { try c.encode(a, forKey: .attainedAt) }
    }
}
