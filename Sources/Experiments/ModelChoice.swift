import Models
import Polynomials

/// The models the CLI shortcuts build: `--polynomial "<K>"` is a `Potential`
/// (K is the loss, no data) and `--q "<Q>"` is the seeds' `PolynomialRegression`
/// y = Q(w)·x + ε on synthetic data (so K = Q²/2σ²).
public enum ModelChoice: Sendable {
    case potential(Polynomial)
    case regression(q: Polynomial, truth: Double, sigma: Double)

    /// Parses the flag pair; exactly one of the two must be given.
    public static func fromFlags(polynomial: String?, q: String?, truth: Double = 0, sigma: Double = 1) throws -> ModelChoice {
        switch (polynomial, q) {
        case (let k?, nil):
            do { return .potential(try Polynomial(parsing: k)) } catch { throw SpecError(path: "--polynomial", message: "\(error)") }
        case (nil, let q?):
            do { return .regression(q: try Polynomial(parsing: q), truth: truth, sigma: sigma) } catch { throw SpecError(path: "--q", message: "\(error)") }
        case (nil, nil):
            throw SpecError(path: "model", message: "expected --polynomial \"<K>\", --q \"<Q>\" or --spec FILE")
        default:
            throw SpecError(path: "model", message: "give either --polynomial or --q, not both")
        }
    }

    public var polynomial: Polynomial {
        switch self {
        case .potential(let k): return k
        case .regression(let q, _, _): return q
        }
    }

    /// A one-line description: `potential K = …` or `regression y = Q(w)·x + ε, Q = …`.
    public var summary: String {
        switch self {
        case .potential(let k): return "potential K = \(k)"
        case .regression(let q, let a, let s): return "regression y = Q(w)·x + ε, Q = \(q), truth a = \(a), σ = \(s)"
        }
    }

    /// Builds the model (synthetic data from `seed` for the regression) and hands it to `visitor`.
    public func accept<V: ModelVisitor>(_ visitor: V, sampleCount n: Int, seed: UInt64) async throws -> V.Output {
        switch self {
        case .potential(let k):
            return try await visitor.visit(Potential(k, sampleCount: n))
        case .regression(let q, let a, let s):
            return try await visitor.visit(PolynomialRegression.synthetic(q: q, sampleCount: n, truth: a, sigma: s, seed: seed))
        }
    }
}

/// Something to do with a concrete model (generic, so the samplers specialise).
public protocol ModelVisitor {
    associatedtype Output
    func visit<M: Model>(_ model: M) async throws -> Output
}
