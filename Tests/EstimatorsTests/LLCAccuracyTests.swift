import Foundation
import GSL
import Models
import Polynomials
import Sampling
import Testing
@testable import Estimators

/// The exact tempered, localised expectation the LLC estimates at finite n:
/// nβ·E[ΔL] with ΔL(w) = L_n(w) − L_n(0), over exp(−nβ ΔL − γ|w|²/2) on
/// [−1, 1]^d, by GSL quadrature (1-D QAGS or iterated 2-D).
func exactLLC(dimension d: Int, nbeta a: Double, localization g: Double, _ delta: @escaping ([Double]) -> Double) throws -> Double {
    func weight(_ w: [Double]) -> Double { exp(-a * delta(w) - 0.5 * g * w.reduce(0) { $0 + $1 * $1 }) }
    if d == 1 {
        let z = try Integration.qags({ weight([$0]) }, from: -1, to: 1).value
        let m = try Integration.qags({ a * delta([$0]) * weight([$0]) }, from: -1, to: 1).value
        return m / z
    }
    let z = try Integration.iterated2D({ weight([$0, $1]) }, x: -1...1, y: -1...1).value
    let m = try Integration.iterated2D({ a * delta([$0, $1]) * weight([$0, $1]) }, x: -1...1, y: -1...1).value
    return m / z
}

/// One documented default setting per model family (docs/estimators.md):
/// potentials and the seeds' regression model at n = 10⁴, nβ = n/log n,
/// γ = 1, uniform prior on [−1, 1]^d, 4 chains × 2000 draws, thin 10,
/// burn-in 500; SGLD ε = 1e-4 (batch 100 for the regression), MALA ε = 1e-3.
/// Tolerances: within 3 MCSE of the exact finite-n expectation (the MCSE is
/// measured from each run's ESS), and, where the finite-n expectation is
/// already close to λ (a single pole: w⁴), within 10% of λ. Where a second
/// pole is near (w1²w2⁴: poles 1/4 and 1/2) or m = 2, the finite-n
/// expectation itself is 20–50% above or below λ at n = 10⁴; we assert that
/// gap from quadrature (docs/estimators.md, "Finite-n bias").
@Suite struct LLCAccuracyTests {
    static let n = 10_000

    static func settings(seed: UInt64, batch: Int? = nil) -> ChainSettings {
        var s = ChainSettings()
        s.chains = 4; s.draws = 2000; s.thin = 10; s.burnIn = 500; s.seed = seed; s.batchSize = batch
        return s
    }

    @discardableResult
    func check<M: Model, K: Kernel>(_ model: M, kernel: K, lambda: Double, multiplicityOne: Bool, seed: UInt64, batch: Int? = nil) async throws -> Double {
        let nbeta = Posterior<M>.defaultNBeta(sampleCount: Self.n)
        let posterior = Posterior(model: model, nbeta: nbeta, localization: 1, prior: .uniform(-1, 1, dimension: model.dimension))
        let (estimate, _) = await LocalLearningCoefficient.estimate(posterior: posterior, kernel: kernel, settings: Self.settings(seed: seed, batch: batch))
        var ws = model.makeWorkspace(maxBatchSize: 1)
        let origin = [Double](repeating: 0, count: model.dimension)
        let l0 = origin.withUnsafeBufferPointer { model.loss($0, workspace: &ws) }
        let exact = try exactLLC(dimension: model.dimension, nbeta: nbeta, localization: 1) { w in
            var ws2 = model.makeWorkspace(maxBatchSize: 1)
            return w.withUnsafeBufferPointer { model.loss($0, workspace: &ws2) } - l0
        }
        #expect(estimate.divergences.isEmpty)
        #expect(abs(estimate.llcMean - exact) <= 3 * estimate.llcMCSE,
                "\(kernel.name): λ̂ = \(estimate.llcMean) ± \(estimate.llcMCSE), exact finite-n \(exact), λ = \(lambda)")
        if multiplicityOne {
            #expect(abs(estimate.llcMean - lambda) / lambda <= 0.1, "\(kernel.name): λ̂ = \(estimate.llcMean), λ = \(lambda)")
        }
        return exact
    }

    @Test func quarticPotential() async throws {
        let k = try Potential(try Polynomial(parsing: "w^4"), sampleCount: Self.n)
        try await check(k, kernel: SGLD(stepSize: 1e-4), lambda: 0.25, multiplicityOne: true, seed: 1)
        try await check(k, kernel: MALA(stepSize: 1e-3), lambda: 0.25, multiplicityOne: true, seed: 2)
    }

    @Test func normalCrossingPotential() async throws {
        let k = try Potential(try Polynomial(parsing: "w1^2*w2^4"), sampleCount: Self.n)
        try await check(k, kernel: SGLD(stepSize: 1e-4), lambda: 0.25, multiplicityOne: false, seed: 3)
        let exact = try await check(k, kernel: MALA(stepSize: 1e-3), lambda: 0.25, multiplicityOne: false, seed: 4)
        // The pole at 1/2 adds a relative O(nβ^(-1/4)) ≈ 0.17 correction
        // (quadrature: 0.2145 at n = 10⁴, 14% below λ).
        #expect(exact > 0.20 && exact < 0.23, "finite-n expectation \(exact)")
    }

    /// m = 2: the finite-n expectation is itself ≈ 0.39, not 1/2 (see
    /// docs/estimators.md); the sampler must match it, and we assert the gap
    /// to λ is the documented one.
    @Test func productPotentialWithMultiplicityTwo() async throws {
        let k = try Potential(try Polynomial(parsing: "(w1*w2)^2"), sampleCount: Self.n)
        try await check(k, kernel: SGLD(stepSize: 1e-4), lambda: 0.5, multiplicityOne: false, seed: 5)
        try await check(k, kernel: MALA(stepSize: 1e-3), lambda: 0.5, multiplicityOne: false, seed: 6)
        // λ − (m − 1)/(log nβ + c): 0.376 with γ = 1 on the box at n = 10⁴.
        let nbeta = Posterior<Potential>.defaultNBeta(sampleCount: Self.n)
        let exact = try exactLLC(dimension: 2, nbeta: nbeta, localization: 1) { $0[0] * $0[0] * $0[1] * $0[1] }
        #expect(exact > 0.35 && exact < 0.40, "finite-n expectation \(exact)")
    }

    /// The seeds' regression model Q = w1·w2² (K ∝ w1²w2⁴, λ = 1/4) on
    /// synthetic data with minibatches of 100.
    @Test func regressionModelWithMinibatches() async throws {
        let model = try PolynomialRegression.synthetic(q: try Polynomial(parsing: "w1*w2^2"), sampleCount: Self.n, seed: 7)
        try await check(model, kernel: SGLD(stepSize: 1e-4), lambda: 0.25, multiplicityOne: false, seed: 8, batch: 100)
        try await check(model, kernel: MALA(stepSize: 1e-3), lambda: 0.25, multiplicityOne: false, seed: 9)
    }

    @Test func sameSeedSameEstimateOnOneOrTwoThreads() async {
        let k = try! Potential(try! Polynomial(parsing: "w^4"), sampleCount: Self.n)
        let p = Posterior(model: k, nbeta: 1000, localization: 1)
        let one = await LocalLearningCoefficient.estimate(posterior: p, kernel: SGLD(stepSize: 1e-4), settings: Self.settings(seed: 3), maxConcurrency: 1)
        let two = await LocalLearningCoefficient.estimate(posterior: p, kernel: SGLD(stepSize: 1e-4), settings: Self.settings(seed: 3), maxConcurrency: 2)
        #expect(one.estimate.chains == two.estimate.chains)
        #expect(one.estimate.llcMean == two.estimate.llcMean)
    }
}
