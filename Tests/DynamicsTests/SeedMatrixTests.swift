import Foundation
import GSL
import Polynomials
import Testing
@testable import Dynamics

/// The seed-004 and seed-003 quantities added as matrices: noise against
/// Hessian, the k/(2k − 1) factor, random Hessians, network critical points,
/// replicates, SGD vs Langevin along a valley, the 2-D posterior.
@Suite struct SeedMatrixTests {
    func compiled(_ text: String) throws -> CompiledPolynomial { try Polynomial(parsing: text).compiled() }
    func plane(_ text: String) throws -> CompiledPolynomial { try Polynomial(parsing: text).compiled(variables: ["w1", "w2"]) }

    @Test func noiseOverHessianIsKOver2KMinus1AtAZeroOfOrderK() throws {
        // Q = (w − 1)^k at w = 1.01: B·Σ/H = (1 + 2Q²)·k/(2k − 1) → 1, 2/3, 3/5.
        // Tolerance: 4 standard errors of tr Σ̂ (10⁵ batches: relative se 0.5 %;
        // measured deviations below 2 se for seeds 1–3).
        for k in 1...3 {
            let n = NoiseCovariance(q: try compiled("(w-1)^\(k)"), batchSize: 16, batches: 100_000, seed: UInt64(k))
            let r = try #require(try n.measure(at: [[1.01]]).first)
            let factor = NoiseCovariance.oneDimensionalFactor(order: k)
            #expect(abs(try #require(r.predictedRatioToHessian) - factor) < 1e-3)
            let measured = try #require(r.ratioToHessian)
            let se = try #require(r.ratioToFormulaError) * measured
            #expect(abs(measured - factor) < 4 * se + 1e-3, "k = \(k): \(measured) against \(factor) ± \(se)")
        }
        #expect(NoiseCovariance.oneDimensionalFactor(order: 2) == 2.0 / 3)
    }

    @Test func noiseHasRankOneWhereTheHessianHasFullRank() throws {
        // Q = (w1² + w2²)·w1. Near O, H = ∇Q∇Qᵀ + Q∇²Q = [[1.75e-4, 7.5e-5], [7.5e-5, 5e-5]] (full rank,
        // eigenvalue ratio 0.0708) while every minibatch gradient is a multiple of ∇Q (Σ̂ of rank 1).
        // On the line L, at (0.01, 1), H ≈ ∇Q∇Qᵀ and the principal directions agree to about 1°.
        let n = NoiseCovariance(q: try compiled("(w1^2+w2^2)*w1"), batchSize: 32, batches: 20_000, seed: 3)
        let r = try n.measure(at: [[0.05, 0.05], [0.01, 1]])
        let nearO = try #require(r[0].hessianSpectrum), sigma = try #require(r[0].empiricalSpectrum)
        #expect(nearO.rank == 2 && sigma.rank == 1)
        let ratio: Double = nearO.values[0] / nearO.values[1]
        #expect(abs(ratio - 0.0708) < 0.001)
        #expect(try #require(r[0].formulaSpectrum).rank == 1)
        #expect(try #require(r[1].principalAngle) < 3)
        // The formula's nonzero eigenvalue is c|∇Q|² with c = v_x(v_y + 2v_xQ²)/B.
        let (qv, g) = try compiled("(w1^2+w2^2)*w1").valueAndGradient([0.05, 0.05])
        let c: Double = (1 + 2 * qv * qv) / 32
        let top: Double = try #require(r[0].formulaSpectrum).values[1]
        let expected: Double = c * (g[0] * g[0] + g[1] * g[1])
        #expect(abs(top - expected) < 1e-15)
    }

    @Test func goeMinimumProbabilityAgreesWithTheExactValues() throws {
        // d = 1: 1/2; d = 2: (2 − √2)/4. Tolerance 4 binomial standard errors (2·10⁵ samples: se ≤ 0.0011).
        let rows = try RandomHessianCensus(dimensions: [1, 2, 3], samples: 200_000, seed: 7).run()
        for r in rows.prefix(2) {
            let exact = try #require(r.exact)
            #expect(abs(r.fraction - exact) < 4 * r.standardError, "d = \(r.dimension): \(r.fraction) ± \(r.standardError) vs \(exact)")
            #expect(abs(r.positiveEigenvalueFraction - 0.5) < 0.005)
        }
        #expect(rows[2].fraction < rows[1].fraction && rows[2].fraction > 0)
        #expect(abs(rows[1].exact! - 0.146447) < 1e-6)
    }

    @Test func networkGradientAndHessianAgreeWithFiniteDifferences() throws {
        let net = NetworkCriticalPoints(hiddenWidths: [2], starts: 1, samples: 20, seed: 5)
        let (x, y) = net.data()
        let w = [0.7, -1.2, 0.3, -0.4, 0.9, -0.8]
        var g = [Double](repeating: 0, count: 6), H = [Double](repeating: 0, count: 36)
        _ = NetworkCriticalPoints.lossGradientHessian(w, x: x, y: y, gradient: &g, hessian: &H)
        let h = 1e-5
        for p in 0..<6 {
            var wp = w, wm = w
            wp[p] += h; wm[p] -= h
            var gp = g, gm = g, Hs = H
            let lp = NetworkCriticalPoints.lossGradientHessian(wp, x: x, y: y, gradient: &gp, hessian: &Hs)
            let lm = NetworkCriticalPoints.lossGradientHessian(wm, x: x, y: y, gradient: &gm, hessian: &Hs)
            #expect(abs((lp - lm) / (2 * h) - g[p]) < 1e-8)
            for q in 0..<6 { #expect(abs((gp[q] - gm[q]) / (2 * h) - H[p * 6 + q]) < 1e-7) }
        }
    }

    @Test func newtonFindsTheTeacherAsAMinimumAndSaddlesElsewhere() throws {
        // Student = teacher's form (1 unit), no noise: the teacher (up to sign) is a global minimum with
        // loss 0. Newton from 40 starts finds it, and every converged point has a gradient below 1e-9.
        let net = NetworkCriticalPoints(hiddenWidths: [1], starts: 40, samples: 30, teacherWidth: 1, noise: 0, seed: 2)
        let (x, y) = net.data()
        var foundZero = false
        for s in 0..<40 {
            guard let r = net.newton(start: s, hidden: 1, x: x, y: y) else { continue }
            var g = [Double](repeating: 0, count: 3), H = [Double](repeating: 0, count: 9)
            let l = NetworkCriticalPoints.lossGradientHessian(r.point, x: x, y: y, gradient: &g, hessian: &H)
            #expect(g.reduce(0) { $0 + $1 * $1 }.squareRoot() < 1e-9)
            if l < 1e-20 { foundZero = true; #expect(r.kind == .minimum) }
        }
        #expect(foundZero)
        #expect(NetworkCriticalPoints.canonical([-1, 2, 3, 0.5, -1, 0]) == [0.5, -1, 0, 1, -2, -3])
    }

    @Test func sgdStaysPutAlongAFlatValleyWhileLangevinDiffuses() throws {
        // Q = w1: the valley w1 = 0 has no gradient along w2, so SGD never moves w2, while
        // Langevin's w2 spreads as √(2Tηt). 400 trajectories: relative se of an sd ≈ 1/√800 = 3.5 %;
        // tolerance 15 %.
        let v = ValleyDiffusion(q: try plane("w1"), start: [0, 0.5], learningRate: 0.02, batchSize: 32, steps: 2000,
                                trajectories: 400, seed: 4)
        let r = try v.run()
        #expect(r.sgd.standardDeviation[1].allSatisfy { $0 == 0 })
        #expect(r.sgd.mean[1].allSatisfy { $0 == 0.5 })
        let T = r.temperature
        #expect(abs(T - 0.02 / 64) < 1e-15)
        let expected: Double = (2 * T * 0.02 * 2000).squareRoot()
        let along: Double = r.langevin.standardDeviation[1].last!
        #expect(abs(along / expected - 1) < 0.15)
        // Across the valley both have stationary variance T/1 = η/(2B) (within 15 %).
        let sgdAcross: Double = r.sgd.standardDeviation[0].last!, langevinAcross: Double = r.langevin.standardDeviation[0].last!
        #expect(abs(sgdAcross / T.squareRoot() - 1) < 0.15)
        #expect(abs(langevinAcross / T.squareRoot() - 1) < 0.15)
    }

    @Test func replicatesHaveTheirOwnDatasetsAndReplicateZeroIsTheOriginal() throws {
        #expect(ReplicateStatistic([1, 2, 3]).mean == 2 && ReplicateStatistic([1, 2, 3]).standardDeviation == 1)
        #expect(abs(ReplicateStatistic([1, 2, 3]).standardError! - 1 / 3.0.squareRoot()) < 1e-15)
        #expect(ReplicateStatistic([4]).standardError == nil)
        let q = try compiled("(w+1.7)*(w-1.7)^2")
        let e = SGDEnsemble(q: q, learningRate: 0.02, batchSize: 32, steps: 200, trajectories: 300, samples: 6400,
                            initialLower: -1.7, initialUpper: 1.7, seed: 8)
        var e1 = e
        e1.replicate = 1
        #expect(e.dataset()!.x != e1.dataset()!.x)
        #expect(e.stream(ofTrajectory: 5) == 5 && e1.stream(ofTrajectory: 5) == (1 << 32) + 5)
        let basins = try EscapeBasins(q: q, lower: -3.4, upper: 3.4)
        let a0 = try EscapeAnalysis(try e.run(), basins: basins, histogramRange: -3.4...3.4)
        let reps = try EscapeReplicates.run(e, count: 3, basins: basins, fitStart: nil, histogramRange: -3.4...3.4,
                                            markTimes: [0, 100, 200])
        #expect(reps.replicates[0].escaped == a0.escaped && reps.replicates[0].fitRate == a0.fit?.rate)
        #expect(reps.replicates[1].escaped != reps.replicates[0].escaped || reps.replicates[1].fitRate != reps.replicates[0].fitRate)
        #expect(reps.escapedFraction.values.count == 3 && reps.regularFraction.count == 3)
        #expect(reps.regularFraction[0].mean > 0.3)
    }

    @Test func planePosteriorOfALinearModelIsANormalLawTimesAFlatOne() throws {
        // Q = w1: p ∝ exp(−(S_xx w1² − 2 S_xy w1)/2) on [−1, 1]², flat in w2: mean |w2| = 1/2, and
        // the disc mass is ∫ N(w1) · 2√(r² − w1²) dw1 / (2 · mass of N on [−1, 1]).
        let c = PlaneSGDPosterior(q: try plane("w1"), sampleSizes: [100], learningRate: 0.02, batchSize: 10,
                                  trajectories: 10, radius: 0.3, seed: 1)
        let sxx = 100.0, sxy = 7.0
        let p = try c.posterior(sxx: sxx, sxy: sxy)
        #expect(abs(p.meanAbs[1] - 0.5) < 1e-6)
        let m = sxy / sxx, s = 1 / sxx.squareRoot()
        let normal = { (w: Double) in exp(-(w - m) * (w - m) / (2 * s * s)) }
        let box = try Integration.qags(normal, from: -1, to: 1).value
        let disc = try Integration.qags({ normal($0) * 2 * max(0.09 - $0 * $0, 0).squareRoot() }, from: -0.3, to: 0.3).value
        #expect(abs(p.nearOrigin - disc / (2 * box)) < 1e-6)
        let absW1 = try Integration.qags({ abs($0) * normal($0) }, from: -1, to: 1).value / box
        #expect(abs(p.meanAbs[0] - absW1) < 1e-6)
    }

    @Test func initializationNormOfTheIrisNetwork() {
        // 4-8-3: D_1 = 40 parameters at σ² = 1/12, D_2 = 27 at σ² = 1/24: E‖w‖² = 40/12 + 27/24.
        #expect(abs(Training.initializationNorm(widths: [4, 8, 3]) - (40.0 / 12 + 27.0 / 24).squareRoot()) < 1e-14)
        #expect(Training.norm([3, 4]) == 5)
    }
}
