import Foundation
import Models
import Polynomials
import TestSupport
import Testing
@testable import Estimators
@testable import Sampling

@Suite struct LLCSummaryTests {
    let posterior = Posterior(model: SeparablePower(coefficients: [0.5], power: 2, sampleCount: 10_000), nbeta: 1000, localization: 0)

    func result(_ chain: Int, _ losses: [Double], initial: Double = 0, divergence: Divergence? = nil) -> ChainResult {
        ChainResult(chain: chain, losses: losses, positions: nil, initialLoss: initial, divergence: divergence,
                    acceptanceRate: nil, diagnosticAcceptance: nil, stepSize: 1e-3, finalPosition: [0])
    }

    @Test func perChainEstimatesAndPooledMean() {
        let results = [result(0, [0.0004, 0.0006]), result(1, [0.0005, 0.0007])]
        let e = LocalLearningCoefficient.summarize(results, posterior: posterior, sampler: SGLD(stepSize: 1e-3).configuration)
        #expect(abs(e.chains[0] - 0.5) < 1e-12 && abs(e.chains[1] - 0.6) < 1e-12)
        #expect(abs(e.llcMean - 0.55) < 1e-12)
        #expect(abs(e.llcStd - (0.005).squareRoot()) < 1e-12)
    }

    @Test func divergedChainsAreExcludedAndReported() {
        let d = Divergence(chain: 1, step: 17, reason: .nonFiniteLoss, lastFiniteLoss: 0.3)
        let results = [result(0, [0.0005, 0.0005, 0.0004, 0.0006]), result(1, [0.0005], divergence: d)]
        let e = LocalLearningCoefficient.summarize(results, posterior: posterior, sampler: SGLD(stepSize: 1e-3).configuration)
        #expect(abs(e.llcMean - 0.5) < 1e-12)
        #expect(e.divergences == [d])
        #expect(e.warnings.contains { $0.contains("1 chain(s) diverged") })
        #expect(e.verdict.level == .unreliable && e.verdict.contains(.divergence))
    }

    @Test func negativeEstimateWarns() {
        let results = [result(0, [0.1, 0.1, 0.1, 0.1], initial: 0.2), result(1, [0.1, 0.1, 0.1, 0.1], initial: 0.2)]
        let e = LocalLearningCoefficient.summarize(results, posterior: posterior, sampler: SGLD(stepSize: 1e-3).configuration)
        #expect(e.llcMean < 0)
        #expect(e.warnings.contains { $0.hasPrefix("negative LLC") })
        #expect(e.verdict.reasons.first { $0.code == .negativeLLC }?.level == .check)
    }

    /// The verdict is recomputed from the estimate alone, and the MCSE target is an input:
    /// the default is 2% of |λ̂|, a given target replaces it.
    @Test func verdictTakesTheMCSETarget() {
        let results = (0..<4).map { c in result(c, (0..<400).map { 0.0005 + 1e-5 * sin(Double($0 * (c + 3))) }) }
        let e = LocalLearningCoefficient.summarize(results, posterior: posterior, sampler: SGLD(stepSize: 1e-3).configuration)
        #expect(e.targetMCSE == 0.02 * abs(e.llcMean))
        #expect(LocalLearningCoefficient.verdict(for: e) == e.verdict)
        let strict = LocalLearningCoefficient.verdict(for: e, targetMCSE: e.llcMCSE / 2)
        #expect(strict.contains(.mcse) && strict.level >= .check)
        #expect(!LocalLearningCoefficient.verdict(for: e, targetMCSE: e.llcMCSE * 2).contains(.mcse))
    }

    /// Chains that cannot mix (SGLD with ε = 1e-6 on w^4, 200 draws, no burn-in) disagree.
    /// Measured with the same settings (`rlct llc --polynomial w^4 --step-size 1e-6 --draws 200
    /// --thin 1 --burn-in 0`) over seeds 1–10: R̂ 1.15–1.77 and bulk ESS 1.5–6.5 per chain, so
    /// R̂ > 1.05 and ESS < 50 per chain hold with a wide margin at any of those seeds.
    @Test func chainsThatDisagreeAreUnreliable() async throws {
        let model = try Potential(try Polynomial(parsing: "w^4"), sampleCount: 10_000)
        let posterior = Posterior(model: model, nbeta: Posterior<Potential>.defaultNBeta(sampleCount: 10_000), localization: 1,
                                  prior: .uniform(-1, 1, dimension: 1))
        var settings = ChainSettings()
        settings.draws = 200; settings.burnIn = 0; settings.thin = 1; settings.seed = 1
        let (e, _) = await LocalLearningCoefficient.estimate(posterior: posterior, kernel: SGLD(stepSize: 1e-6), settings: settings)
        #expect(e.rhat > 1.1, "R̂ \(e.rhat)")
        #expect(e.verdict.level == .unreliable)
        #expect(e.verdict.reasons.first { $0.code == .rHat }?.level == .unreliable)
        #expect(e.verdict.reasons.first { $0.code == .essBulk }?.level == .unreliable)
        // The advice for chains that do not mix is to run longer, never to shrink the step.
        #expect(e.verdict.reasons.allSatisfy { !$0.message.contains("reduce") }, "\(e.verdict.reasons)")
    }
}
