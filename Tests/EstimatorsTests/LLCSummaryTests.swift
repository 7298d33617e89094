import Models
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
    }

    @Test func negativeEstimateWarns() {
        let results = [result(0, [0.1, 0.1, 0.1, 0.1], initial: 0.2), result(1, [0.1, 0.1, 0.1, 0.1], initial: 0.2)]
        let e = LocalLearningCoefficient.summarize(results, posterior: posterior, sampler: SGLD(stepSize: 1e-3).configuration)
        #expect(e.llcMean < 0)
        #expect(e.warnings.contains { $0.hasPrefix("negative LLC") })
    }
}
