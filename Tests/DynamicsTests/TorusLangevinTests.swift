import Foundation
import Testing
@testable import Dynamics

@Suite struct TorusLangevinTests {
    @Test func minimumImageAndGradient() throws {
        let u = try TorusPotential(a: 2, b: 1, length: 4)
        #expect(u.offset(1) == 0)
        #expect(abs(u.offset(3.5) - (-1.5)) < 1e-15)
        #expect(abs(u.offset(0) - (-1)) < 1e-15)
        #expect(abs(u.value(1.3, 3.9) - 2 * 0.09) < 1e-12)
        let g = u.gradient(1.3, 3.9)
        #expect(abs(g.0 - 4 * 0.3) < 1e-12 && g.1 == 0)
    }

    @Test func partitionFunctionMatchesClosedForm() throws {
        // Z = 8 ∫₀^{L/2} (L/2 − v) e^{−kv²} dv, k = a/T (eight wedges v < u).
        let a = 2.0, t = 0.5, length = 4.0, k = a / t, c = length / 2
        let gaussian = 0.5 * (Double.pi / k).squareRoot() * erf(c * k.squareRoot())
        let exact = 8 * (c * gaussian - (1 - exp(-k * c * c)) / (2 * k))
        let u = try TorusPotential(a: a, b: 2, length: length)
        let (p, z) = try u.regionProbabilities(temperature: t, halfWidth: 0.5)
        #expect(abs(z.value - exact) < 1e-8 * exact)
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
    }

    @Test func occupationMatchesBoltzmann() throws {
        // Seeds 1–4 (8 trajectories × 2·10⁵ steps) gave |z| ≤ 2.3 over all
        // regions; the O(a·dt) = 0.2 % Euler–Maruyama bias is far below the
        // standard errors (≈ 1–5 % of each fraction). Bound: |z| < 4.
        let potential = try TorusPotential(a: 2, b: 2, length: 4)
        let run = TorusLangevin(potential: potential, temperature: 0.5, stepSize: 1e-3, steps: 200_000,
                                burnIn: 10_000, trajectories: 8, seed: 1, bins: 10)
        let result = try run.run()
        for r in result.regions { #expect(abs(r.zScore) < 4, "\(r.name): z = \(r.zScore)") }
        #expect(abs(result.crossingEnrichment.zScore) < 4)
        // The Gibbs law itself puts more mass per unit area at the crossing.
        #expect(result.crossingEnrichment.predicted > 1.2)
        #expect(abs(result.predictedHistogram.joined().reduce(0, +) - 1) < 1e-6)
        #expect(result.histogramTotalVariation < 0.1)
    }

    @Test func unstableStepIsRefused() throws {
        let potential = try TorusPotential(a: 2, b: 2, length: 4)
        let run = TorusLangevin(potential: potential, temperature: 0.5, stepSize: 0.3, steps: 10,
                                burnIn: 0, trajectories: 2, seed: 1)
        do {
            _ = try run.run()
            Issue.record("dt ≥ 1/(2a) must throw")
        } catch let error as DynamicsError {
            #expect(error.field == "dt")
        }
    }
}
