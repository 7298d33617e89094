import Foundation
import GSL
import Testing
@testable import Dynamics

@Suite struct SphereTests {
    @Test func discreteRateClosedForms() throws {
        // ν = 1: E cos(σ|Z|) = e^{−σ²/2}, so the rate is σ²/(2 dt); on the
        // circle (n = 2) that is exactly D/R².
        let d = 0.7, r = 1.3, dt = 1e-3
        let sigma = (2 * d * dt).squareRoot() / r
        let rate = try SphereDiffusion.discreteRate(sigma: sigma, dof: 1, stepSize: dt)
        #expect(abs(rate / (d / (r * r)) - 1) < 1e-8)
        // Larger n: rate → D(n−1)/R² as dt → 0.
        let small = try SphereDiffusion.discreteRate(sigma: (2 * 1e-7).squareRoot(), dof: 9, stepSize: 1e-7)
        #expect(abs(small / 9 - 1) < 1e-5)
    }

    @Test func decayRateWithinFivePercent() throws {
        // 4000 walkers per n: over seeds 5–8 the batch errors of κ measured
        // 1.0–1.7 % (n = 3), 0.6–0.7 % (10) and 0.4–0.5 % (30) of the rate and
        // the deviations stayed below 1.2 %, so 5 % is ≥ 3 errors away.
        let results = try SphereDiffusion(dimensions: [3, 10, 30], radius: 2, diffusion: 0.5, stepSize: nil,
                                          steps: 1_000, walkers: 4_000, seed: 7).run()
        for r in results {
            #expect(abs(r.relativeDeviation) < 0.05, "n = \(r.dimension): κ = \(r.fittedRate), D(n−1)/R² = \(r.predictedRate)")
            #expect(abs(r.discreteRate / r.predictedRate - 1) < 0.01)
            // ⟨|Δx|⟩ ≤ √⟨|Δx|²⟩ = R√(2(1 − ⟨cos θ⟩)) < √2 R.
            #expect(r.finalMeanDisplacement < r.limitDisplacement)
            // Measured 0.86 (n = 3) to 0.93 (n = 30) of √2 R at t = 2/κ.
            #expect(r.finalMeanDisplacement > 0.8 * r.limitDisplacement)
        }
    }

    @Test func geodesicStepsStayOnTheSphere() throws {
        let rng = RandomStream(seed: 3)
        var x = [Double](repeating: 0, count: 50), xi = x
        x[0] = 2.5
        for _ in 0..<10_000 { SphereDiffusion.geodesicStep(&x, noise: &xi, scale: 0.05, radius: 2.5, rng: rng) }
        let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 2.5) < 1e-13)
    }

    @Test func householderPerturbationsStayOnBothSpheres() throws {
        for d in [2, 3, 10, 1_000] {
            let check = try SpherePerturbationCheck(dimension: d, relativeEpsilon: 0.1, baselines: 100,
                                                    perturbationsPerBaseline: 20, seed: 11, stream: d)
            #expect(check.maxRadiusError <= 1e-12 * check.radius, "D = \(d)")
            #expect(check.maxDistanceError <= 1e-12 * check.radius, "D = \(d)")
        }
        // The reflection's worst cases: w₀ along ±e_D (c = n̂ ± ŵ₀ degenerate
        // for the other sign) and a tiny ε.
        let rng = RandomStream(seed: 5)
        for sign in [1.0, -1.0] {
            var w0 = [Double](repeating: 0, count: 20)
            w0[19] = sign * 3
            for epsilon in [1e-6, 0.3, 5.9] {
                let p = try SpherePerturbation(baseline: w0, epsilon: epsilon)
                let e = p.check(count: 200, rng: rng)
                #expect(e.radiusError <= 1e-12 * 3 && e.distanceError <= 1e-12 * 3, "sign \(sign), ε = \(epsilon)")
            }
        }
        #expect(throws: DynamicsError.self) { try SpherePerturbation(baseline: [1, 0], epsilon: 2) }
    }

    @Test func perturbedVectorsKeepTheBaselineDistribution() throws {
        // D⟨w₁²⟩/r₀² = 1 for vectors uniform on the sphere; 2000 baselines
        // gave standard errors 0.027–0.028 and deviations ≤ 0.036 over seeds
        // 5–8; bound 4 errors.
        let check = try SpherePerturbationCheck(dimension: 10, relativeEpsilon: 0.5, baselines: 2_000,
                                                perturbationsPerBaseline: 1, seed: 2, stream: 0)
        #expect(abs(check.secondMomentRatio - 1) < 4 * check.secondMomentError)
    }

    @Test func kaimingShell() throws {
        for n in [10, 100, 1_000] {
            // 4000 samples: the sample sd has a relative error ≈ 1/√(2·4000) = 1.1 %.
            let k = try KaimingShell(fanIn: n, samples: 4_000, seed: 1, stream: n)
            #expect(abs(k.meanNorm / k.exactMeanNorm - 1) < 4 * k.exactRelativeThickness / (4_000.0).squareRoot())
            #expect(abs(k.relativeThickness / k.exactRelativeThickness - 1) < 0.05)
            // sd(|w|²)/E|w|² = √(2/D) and sd(|w|)/E|w| ≈ 1/√(2D): the article's √2σ = 2/√n is 2√2 times too big.
            #expect(abs(k.relativeSquaredThickness / (2 / Double(n)).squareRoot() - 1) < 0.06)
            #expect(abs(k.articleRelativeThickness / k.exactRelativeThickness - 2 * 2.0.squareRoot()) < 0.1)
        }
        let big = try KaimingShell(fanIn: 1_000, samples: 2, seed: 1)
        #expect(abs(big.exactRelativeThickness * (2.0 * 1_000).squareRoot() - 1) < 1e-3)
    }
}
