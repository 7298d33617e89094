import Foundation
import Models
import Polynomials
import Testing
@testable import Estimators

@Suite struct VolumeScalingTests {
    let epsilons = VolumeScaling.grid(minimum: 1e-10, maximum: 1e-2, count: 25)

    func potential(_ k: String) throws -> Potential {
        try Potential(try Polynomial(parsing: k), sampleCount: 100)
    }

    func volumes(_ k: String, prior: Prior? = nil, method: VolumeScaling.Method = .quadrature,
                 epsilons: [Double]? = nil, seed: UInt64 = 1) throws -> VolumeScaling.Result {
        let model = try potential(k)
        let d = model.dimension
        let prior = prior ?? .uniform(-1, 1, dimension: d)
        var lower = [Double](repeating: -1, count: d), upper = [Double](repeating: 1, count: d)
        if case let .normal(s) = prior { lower = lower.map { $0 * 10 * s }; upper = upper.map { $0 * 10 * s } }
        return try VolumeScaling.estimate(model: model, prior: prior, lower: lower, upper: upper,
                                          center: .init(repeating: 0, count: d), epsilons: epsilons ?? self.epsilons,
                                          method: method, seed: seed)
    }

    /// V itself against closed forms on [−1, 1]^d with the uniform prior:
    /// w⁴: V = ε^(1/4); (w1 w2)²: V = t(1 − log t), t = √ε; w1² + w2²: V = πε/4.
    /// Each V within 1e-8 relative, and within a few of its own error estimate.
    @Test(arguments: ["w^4", "(w1*w2)^2", "w1^2+w2^2"])
    func volumesMatchTheClosedForms(k: String) throws {
        let exact: (Double) -> Double
        switch k {
        case "w^4": exact = { pow($0, 0.25) }
        case "(w1*w2)^2": exact = { e in let t = e.squareRoot(); return t * (1 - log(t)) }
        default: exact = { Double.pi * $0 / 4 }
        }
        let r = try volumes(k)
        #expect(r.points.count == epsilons.count && r.method == .quadrature)
        for p in r.points {
            let v = exact(p.epsilon)
            #expect(abs(p.volume - v) <= 1e-8 * v, "\(k), ε = \(p.epsilon): \(p.volume) vs \(v)")
            #expect(abs(p.volume - v) <= 10 * p.error + 1e-13 * v, "\(k), ε = \(p.epsilon): error estimate \(p.error) too small")
        }
    }

    /// The bar: λ within 5 % and the right m (rounded m̂) for w⁴ (1/4, 1),
    /// (w1 w2)² (1/2, 2) and w1² + w2² (1, 1) over ε ∈ [1e-10, 1e-2].
    /// Measured: 0.25000, 0.4907 (m̂ = 1.735), 1.00000; (w1 w2)² carries the
    /// (1 + 2/log(1/ε)) correction of its closed form, which the three-term fit
    /// absorbs only partly, so its plain slope (0.436) is much further off.
    @Test(arguments: [("w^4", 0.25, 1), ("(w1*w2)^2", 0.5, 2), ("w1^2+w2^2", 1.0, 1)])
    func fitRecoversLambdaAndMultiplicity(k: String, lambda: Double, m: Int) throws {
        let r = try volumes(k)
        #expect(abs(r.lambda - lambda) <= 0.05 * lambda, "\(k): λ̂ = \(r.lambda)")
        #expect(r.multiplicityRounded == m, "\(k): m̂ = \(r.multiplicity)")
        if m > 1 { #expect(r.slope < r.lambda, "the plain slope is biased low when m > 1: \(r.slope) vs \(r.lambda)") }
    }

    /// A Gaussian prior N(0, σ²) exercises the normal interval masses:
    /// K = w², V(ε) = erf(√ε/(σ√2)).
    @Test func normalPriorVolume() throws {
        let s = 0.7
        let r = try volumes("w^2", prior: .normal(sigma: s))
        for p in r.points {
            let v = erf(p.epsilon.squareRoot() / (s * 2.0.squareRoot()))
            #expect(abs(p.volume - v) <= 1e-9 * v, "ε = \(p.epsilon): \(p.volume) vs \(v)")
        }
        // V = √(2ε/π)/σ · (1 − ε/(6σ²) + …): the prior's curvature bends the top of the grid slightly.
        #expect(abs(r.lambda - 0.5) < 0.01 && r.multiplicityRounded == 1, "λ̂ = \(r.lambda), m̂ = \(r.multiplicity)")
    }

    /// d > 3 by nested sampling: w1² + … + w4² (λ = 2, m = 1), seed 1, 4 runs × 500
    /// live points. Over seeds 1–10 we measured λ̂ from 1.955 to 2.021 (sd 0.02,
    /// matching the reported λ_error ≈ 0.02) and m̂ from 0.66 to 1.35 (sd 0.23),
    /// so the tolerance 0.1 on λ is 5 sd and rounded m̂ = 1 held for all ten.
    @Test func monteCarloRegularFourDimensions() throws {
        let r = try volumes("w1^2+w2^2+w3^2+w4^2", method: .montecarlo)
        #expect(r.method == .montecarlo && r.livePoints == 500 && r.replicates == 4)
        #expect(abs(r.lambda - 2) < 0.1, "λ̂ = \(r.lambda) ± \(r.lambdaError)")
        #expect(r.lambdaError > 0.005 && r.lambdaError < 0.1)
        #expect(r.multiplicityRounded == 1, "m̂ = \(r.multiplicity) ± \(r.multiplicityError)")
        // V(ε) = (π²/2) ε² / 16 exactly (the ball of radius √ε over the box's 16).
        for p in r.points {
            let v = Double.pi * Double.pi / 32 * p.epsilon * p.epsilon
            #expect(abs(log(p.volume / v)) <= 4 * p.error / p.volume + 0.02, "ε = \(p.epsilon): \(p.volume) vs \(v) ± \(p.error)")
        }
    }

    /// Same seed, same numbers.
    @Test func monteCarloIsDeterministic() throws {
        let grid = VolumeScaling.grid(minimum: 1e-4, maximum: 1e-1, count: 6)
        let a = try volumes("w1^2+w2^4", method: .montecarlo, epsilons: grid, seed: 7)
        let b = try volumes("w1^2+w2^4", method: .montecarlo, epsilons: grid, seed: 7)
        #expect(a.points == b.points)
    }

    /// w* that is not a minimum: K = (w − 1/2)² dips 1/4 below K(0), refused.
    @Test func refusesACenterAboveTheMinimum() throws {
        #expect(throws: SpecificationError.self) { try volumes("(w-0.5)^2") }
        #expect(throws: SpecificationError.self) { try volumes("w1^2+w2^2+w3^2+w4^2", method: .quadrature) }
        #expect(throws: SpecificationError.self) { try volumes("w^4", prior: .flat) }
    }
}
