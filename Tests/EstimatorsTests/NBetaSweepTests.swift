import Foundation
import GSL
import Models
import Polynomials
import Sampling
import Testing
@testable import Estimators

/// λ and m from the LLC over decades of nβ (`NBetaSweep`).
@Suite struct NBetaSweepTests {
    /// −ψ(1/2) = γ_E + 2 log 2: κ of (w1 w2)² on [−1, 1]² with a uniform prior and no localization.
    static let kappaProduct = 0.5772156649015329 + 2 * log(2.0)

    /// The derivation (docs/estimators.md): Z(t) = ∫ exp(−t w1²w2²) on [0, 1]² is the residue of
    /// Γ(s) t^(−s)/(1 − 2s)² at s = ½ up to O(e^(−t)), so λ̂(t) = ½ − 1/(log t − ψ(½)) exactly;
    /// checked against GSL quadrature (relative accuracy ~1e-7 at these t).
    @Test func productPotentialFollowsTheResidueFormula() throws {
        for t in [10.0, 100, 1000, 10_000] {
            let exact = try exactLLC(dimension: 2, nbeta: t, localization: 0) { w in w[0] * w[0] * w[1] * w[1] }
            #expect(abs(exact - (0.5 - 1 / (log(t) + Self.kappaProduct))) < 1e-5, "t = \(t): \(exact)")
        }
    }

    /// λ̂ for (w1 w2)² on [−1, 1]² with localization γ, reduced to one QAGS integral: the w2 integrals
    /// ∫₀¹ e^(−a w²) dw = √π erf(√a)/(2√a) and ∫₀¹ w² e^(−a w²) dw = √π erf(√a)/(4a^(3/2)) − e^(−a)/(2a),
    /// a = t w1² + γ/2 (the 2-D iterated rule loses accuracy on the ridge at t = 10⁵).
    static func productLLC(nbeta t: Double, localization g: Double) throws -> Double {
        func i0(_ a: Double) -> Double { Double.pi.squareRoot() * erf(a.squareRoot()) / (2 * a.squareRoot()) }
        func i2(_ a: Double) -> Double { Double.pi.squareRoot() * erf(a.squareRoot()) / (4 * a * a.squareRoot()) - exp(-a) / (2 * a) }
        let cut = min(1, 10 / t.squareRoot())
        func integral(_ f: @escaping (Double) -> Double) throws -> Double {
            try Integration.qags(f, from: 0, to: cut).value + (cut < 1 ? try Integration.qags(f, from: cut, to: 1).value : 0)
        }
        let z = try integral { w in exp(-g * w * w / 2) * i0(t * w * w + g / 2) }
        let e = try integral { w in exp(-g * w * w / 2) * w * w * i2(t * w * w + g / 2) }
        return t * e / z
    }

    /// Why the sweep keeps γ fixed (docs/estimators.md): with γ fixed λ̂ keeps rising towards ½; with
    /// γ ∝ √nβ the problem is scale-invariant (w ~ nβ^(−1/4)) and λ̂ freezes, so the log term that
    /// carries m disappears. Values (also from scipy): γ = 1: 0.4028, 0.4206; γ = √nβ/10: 0.3542, 0.3542.
    @Test func localizationScaledWithTheTemperatureHidesTheLogTerm() throws {
        let fixed = try [1e4, 1e5].map { try Self.productLLC(nbeta: $0, localization: 1) }
        let scaled = try [1e4, 1e5].map { try Self.productLLC(nbeta: $0, localization: $0.squareRoot() / 10) }
        #expect(abs(fixed[0] - 0.4028) < 1e-3 && abs(fixed[1] - 0.4206) < 1e-3, "γ = 1: \(fixed)")
        #expect(abs(scaled[0] - 0.3542) < 1e-3 && abs(scaled[1] - 0.3542) < 1e-3, "γ = √nβ/10: \(scaled)")
    }

    /// The fit recovers λ, m and κ from the exact curve (errors 1e-3 assigned to every point).
    @Test func fitRecoversTheExactCurve() throws {
        let points = try NBetaSweep.grid(lower: 10, upper: 1e6, count: 11).map { t in
            NBetaSweep.Point(nbeta: t, stepSize: 0, llc: 0.5 - 1 / (log(t) + Self.kappaProduct), mcse: 1e-3)
        }
        let fit = try NBetaSweep.fit(points: points, localization: 0, sampler: "exact")
        #expect(abs(fit.lambda - 0.5) < 1e-6 && abs(fit.multiplicity - 2) < 1e-5 && abs(fit.kappa - Self.kappaProduct) < 1e-4,
                "λ \(fit.lambda), m \(fit.multiplicity), κ \(fit.kappa)")
        #expect(fit.chiSquaredPerDof < 1e-6)
        // A flat curve (m = 1): m̂ = 1, κ left undetermined.
        let flat = points.map { NBetaSweep.Point(nbeta: $0.nbeta, stepSize: 0, llc: 0.25, mcse: 1e-3) }
        let f1 = try NBetaSweep.fit(points: flat, localization: 0, sampler: "exact")
        #expect(abs(f1.lambda - 0.25) < 1e-9 && abs(f1.multiplicity - 1) < 1e-9 && f1.kappaError.isNaN)
    }

    @Test func fitRejectsTooFewOrUnusablePoints() {
        let p = (1...3).map { NBetaSweep.Point(nbeta: pow(10, Double($0)), stepSize: 0, llc: 0.3, mcse: 0.01) }
        #expect(throws: SpecificationError.self) { try NBetaSweep.fit(points: p, localization: 0, sampler: "mala") }
        let q = p + [NBetaSweep.Point(nbeta: 1e4, stepSize: 0, llc: 0.3, mcse: 0)]
        #expect(throws: SpecificationError.self) { try NBetaSweep.fit(points: q, localization: 0, sampler: "mala") }
        #expect(throws: SpecificationError.self) { try NBetaSweep.grid(lower: 1e4, upper: 10, count: 7) }
    }

    /// The sampled sweep as `rlct llc --nbeta-sweep 1e1,1e4,7` runs it: MALA (exact), uniform prior on
    /// [−1, 1]^d, no localization, step ε0 at nβ = 10 scaled as 1/nβ, 4 chains × 20000 draws, thin 5,
    /// burn-in 10000, seed 1 (the numbers in docs/estimators.md).
    func sweep(_ polynomial: String, stepSize: Double) async throws -> NBetaSweep.Result {
        let model = try Potential(try Polynomial(parsing: polynomial), sampleCount: 10_000)
        var s = ChainSettings()
        s.chains = 4; s.draws = 20_000; s.thin = 5; s.burnIn = 10_000; s.seed = 1
        return try await NBetaSweep.estimate(model: model, prior: .uniform(-1, 1, dimension: model.dimension),
                                             center: [Double](repeating: 0, count: model.dimension),
                                             sampler: SamplerConfiguration(kind: .mala, stepSize: stepSize), localization: 0,
                                             nbetas: try NBetaSweep.grid(lower: 10, upper: 1e4, count: 7), settings: s)
    }

    /// (w1 w2)²: λ = ½, m = 2. Seeds 1–5 (CLI, same settings) gave λ̂ 0.487–0.520 (fit errors
    /// 0.011–0.016) and m̂ 1.83–2.24 (errors 0.12–0.22); seed 1: 0.520 ± 0.016, 2.24 ± 0.22, κ 2.57 ± 0.58
    /// (exact −ψ(½) = 1.96). λ within 5% and m̂ rounding to 2 held for all five.
    @Test func productPotentialHasMultiplicityTwo() async throws {
        let fit = try await sweep("(w1*w2)^2", stepSize: 0.3)
        #expect(abs(fit.lambda - 0.5) / 0.5 < 0.05, "λ̂ = \(fit.lambda) ± \(fit.lambdaError)")
        #expect(fit.multiplicityRounded == 2, "m̂ = \(fit.multiplicity) ± \(fit.multiplicityError)")
        #expect(fit.kappaError.isFinite)
    }

    /// w⁴: λ = ¼, m = 1 (a single pole: λ̂(nβ) is flat). Seeds 1–5 gave λ̂ 0.247–0.263 and m̂ 0.99–1.22
    /// (seed 3: 0.263, 5.3% off, where the fit took a noisy upturn for a log term); seed 1: 0.2470 ± 0.0019,
    /// m̂ 0.992 ± 0.007.
    @Test func quarticHasMultiplicityOne() async throws {
        let fit = try await sweep("w^4", stepSize: 0.3)
        #expect(abs(fit.lambda - 0.25) / 0.25 < 0.05, "λ̂ = \(fit.lambda) ± \(fit.lambdaError)")
        #expect(fit.multiplicityRounded == 1, "m̂ = \(fit.multiplicity) ± \(fit.multiplicityError)")
    }

    /// w1² + w2²: regular, λ = 1, m = 1. Seeds 1–5 gave λ̂ 0.992–1.007 and m̂ 0.87–1.13; seed 1:
    /// 0.992 ± 0.012, m̂ 0.87 ± 0.20.
    @Test func regularHasMultiplicityOne() async throws {
        let fit = try await sweep("w1^2+w2^2", stepSize: 0.05)
        #expect(abs(fit.lambda - 1) < 0.05, "λ̂ = \(fit.lambda) ± \(fit.lambdaError)")
        #expect(fit.multiplicityRounded == 1, "m̂ = \(fit.multiplicity) ± \(fit.multiplicityError)")
    }
}
