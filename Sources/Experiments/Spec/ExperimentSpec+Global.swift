import Analytic
import Models
import Polynomials

extension ExperimentSpec {
    /// The global λ over the prior's support (`"truth": "global"`): K for a
    /// potential, Q² for a polynomial regression (K ∝ Q², minus the true a).
    public func globalCoefficient(starts: Int = 64, seed: UInt64 = 1) throws -> GlobalLearningCoefficient {
        let k: Polynomial
        func parse(_ text: String, _ path: String) throws -> Polynomial {
            do { return try Polynomial(parsing: text) } catch { throw SpecError(path: path, "\(error)") }
        }
        switch model {
        case let .potential(text, _, _):
            k = try parse(text, "model.k")
        case let .polynomialRegression(text, _, _):
            let q = try parse(text, "model.q") - Polynomial(constant: truth?.a ?? 0)
            k = try q.power(2)
        default:
            throw SpecError(path: "truth", "the global λ over the support is computed for potential and polynomialRegression models")
        }
        let (lower, upper) = try Self.globalBox(prior ?? .standard, dimension: k.variables.count)
        return try GlobalLearningCoefficient.potential(k, lower: lower, upper: upper, starts: starts, seed: seed)
    }

    /// The box the global search covers: a uniform prior's box; a normal
    /// prior's whole line in one variable, ±4σ in several; a flat prior's
    /// whole line in one variable (refused in several).
    public static func globalBox(_ prior: PriorSpec, dimension d: Int) throws -> (lower: [Double], upper: [Double]) {
        switch try prior.resolve(dimension: d) {
        case let .uniform(lower, upper):
            return (lower, upper)
        case let .normal(sigma):
            let r = d == 1 ? Double.infinity : 4 * sigma
            return (Array(repeating: -r, count: d), Array(repeating: r, count: d))
        case .flat:
            guard d == 1 else { throw SpecError(path: "prior", "the global search in several variables needs a bounded (uniform) or normal prior, not flat") }
            return ([-.infinity], [.infinity])
        }
    }
}
