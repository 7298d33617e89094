import Foundation
import GSL
import Models

/// A product prior φ(w) = Π φ_i(w_i) seen one axis at a time: the density,
/// the mass of an interval and draws restricted to an interval. Both
/// normalised priors of the toolkit (uniform box, isotropic normal) are
/// products; the flat prior has no finite volume and is refused.
struct AxisDensity: Sendable {
    enum Kind: Sendable {
        /// φ_i = 1/(upper_i − lower_i) on the prior's box.
        case uniform(density: [Double])
        /// φ_i = N(0, σ²).
        case normal(sigma: Double)
    }

    let kind: Kind

    init(prior: Prior, dimension d: Int) throws {
        switch prior {
        case let .uniform(lower, upper):
            guard lower.count == d, upper.count == d else {
                throw SpecificationError("the uniform prior has \(lower.count) bounds, the model \(d) parameters")
            }
            kind = .uniform(density: zip(lower, upper).map { 1 / ($1 - $0) })
        case let .normal(sigma):
            kind = .normal(sigma: sigma)
        case .flat:
            throw SpecificationError("the volume V(ε) needs a normalised prior; flat is improper (use uniform:LO,HI or normal:SIGMA)")
        }
    }

    /// log φ_i(x).
    func logDensity(axis i: Int, _ x: Double) -> Double {
        switch kind {
        case let .uniform(density): return log(density[i])
        case let .normal(s): return -0.5 * x * x / (s * s) - log(s * (2 * Double.pi).squareRoot())
        }
    }

    /// Whether φ_i is constant (then Metropolis needs no density ratio).
    var isUniform: Bool { if case .uniform = kind { return true } else { return false } }

    /// ∫_a^b φ_i, a ≤ b: exact for the uniform; for the normal, erfc
    /// differences on one side of 0, or the midpoint rule with its curvature
    /// term when b − a < 10⁻⁴σ (relative error O(((b − a)/σ)⁴)), which keeps
    /// tiny intervals free of cancellation.
    func mass(axis i: Int, from a: Double, to b: Double) -> Double {
        guard b > a else { return 0 }
        switch kind {
        case let .uniform(density):
            return (b - a) * density[i]
        case let .normal(s):
            let h = b - a
            if h < 1e-4 * s {
                let mid = 0.5 * (a + b)
                let phi = exp(-0.5 * mid * mid / (s * s)) / (s * (2 * Double.pi).squareRoot())
                return phi * h * (1 + (mid * mid / (s * s) - 1) * h * h / (24 * s * s))
            }
            let r = 1 / (s * 2.0.squareRoot())
            if a >= 0 { return 0.5 * (erfc(a * r) - erfc(b * r)) }
            if b <= 0 { return 0.5 * (erfc(-b * r) - erfc(-a * r)) }
            return 0.5 * (erf(b * r) - erf(a * r))
        }
    }

    /// A draw from φ_i restricted to [a, b]: uniform directly; the normal by
    /// rejection, from N(0, σ²) when [a, b] holds much of its mass, else from
    /// the uniform on [a, b] under the density's maximum there.
    func sample(axis i: Int, from a: Double, to b: Double, rng: RandomStream) throws -> Double {
        switch kind {
        case .uniform:
            return rng.uniform(in: a...b)
        case let .normal(s):
            let fromNormal = mass(axis: i, from: a, to: b) > 0.2
            let peak = min(max(0, a), b)
            for _ in 0..<100_000 {
                if fromNormal {
                    let x = rng.gaussian(sigma: s)
                    if x >= a && x <= b { return x }
                } else {
                    let x = rng.uniform(in: a...b)
                    if log(rng.uniform()) <= -0.5 * (x * x - peak * peak) / (s * s) { return x }
                }
            }
            throw SpecificationError("could not draw from the normal prior restricted to [\(a), \(b)] (axis \(i)); the box lies too far in its tail")
        }
    }
}
