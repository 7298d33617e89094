import Foundation
import Models
import Sampling

/// How far a run went to reach its MCSE target (`--target-mcse`).
public struct PrecisionTarget: Sendable, Codable {
    /// The target, relative to |λ̂|.
    public var relative: Double
    /// Draws per chain the chains may be extended to.
    public var maxDraws: Int
    /// Draws per chain at the end.
    public var draws: Int
    /// Continuation segments run after the first.
    public var extensions: Int
    /// MCSE / |λ̂| at the end.
    public var achieved: Double
    public var reached: Bool

    public init(relative: Double, maxDraws: Int, draws: Int, extensions: Int, achieved: Double, reached: Bool) {
        self.relative = relative
        self.maxDraws = maxDraws
        self.draws = draws
        self.extensions = extensions
        self.achieved = achieved
        self.reached = reached
    }

    enum CodingKeys: String, CodingKey {
        case relative, maxDraws = "max_draws", draws, extensions, achieved, reached
    }

    /// One line for the report.
    public var summary: String {
        reached
            ? String(format: "MCSE %.2f%% of |λ̂| ≤ target %.2g%% after %d draws per chain (%d extension%@)",
                     100 * achieved, 100 * relative, draws, extensions, extensions == 1 ? "" : "s")
            : String(format: "MCSE %.2f%% of |λ̂| above target %.2g%%: stopped at the budget of %d draws per chain (--max-draws)",
                     100 * achieved, 100 * relative, draws)
    }
}

extension LocalLearningCoefficient {
    /// Estimates λ̂ as `estimate(posterior:sampler:settings:)` does, then, while
    /// MCSE > `targetMCSE`·|λ̂| and the chains hold fewer than `maxDraws` draws,
    /// extends every healthy chain from where it stopped (doubling its draws,
    /// capped at the budget; `ChainRunner.extend`), and re-summarises.
    @inlinable
    public static func estimate<M: Model>(
        posterior: Posterior<M>, sampler: SamplerConfiguration, settings: ChainSettings,
        targetMCSE: Double, maxDraws: Int, maxConcurrency: Int? = nil,
        progress: (@Sendable (Int) -> Void)? = nil, extending: (@Sendable (Int) -> Void)? = nil
    ) async -> (estimate: LLCEstimate, results: [ChainResult], precision: PrecisionTarget) {
        var (estimate, results) = await estimate(posterior: posterior, sampler: sampler, settings: settings,
                                                 maxConcurrency: maxConcurrency, progress: progress)
        var segment = 0
        func relative(_ e: LLCEstimate) -> Double { e.llcMCSE / abs(e.llcMean) }
        while relative(estimate) > targetMCSE, estimate.draws > 0, estimate.draws < maxDraws, estimate.llcMean.isFinite {
            segment += 1
            let more = min(estimate.draws, maxDraws - estimate.draws)
            extending?(more)
            results = ChainRunner.extend(results, posterior: posterior, sampler: sampler, settings: settings, draws: more,
                                         segment: segment, maxConcurrency: maxConcurrency, progress: progress)
            let stepSize = estimate.stepSize
            estimate = summarize(results, posterior: posterior, sampler: sampler)
            estimate.stepSize = stepSize
        }
        // The verdict holds the MCSE to the same target.
        estimate.targetMCSE = targetMCSE * abs(estimate.llcMean)
        estimate.verdict = verdict(for: estimate, targetMCSE: estimate.targetMCSE)
        let achieved = relative(estimate)
        let precision = PrecisionTarget(relative: targetMCSE, maxDraws: maxDraws, draws: estimate.draws, extensions: segment,
                                        achieved: achieved, reached: achieved <= targetMCSE)
        return (estimate, results, precision)
    }
}
