import Foundation
import Models
import Sampling

/// The local learning coefficient estimator: runs chains on the localised,
/// tempered posterior and turns their loss traces into an `LLCEstimate`.
public enum LocalLearningCoefficient {
    /// Samples `posterior` with `sampler` from its `center` and estimates λ̂(center);
    /// `targetMCSE` (absolute, default 2% of |λ̂|) is what the verdict holds the MCSE to.
    @inlinable
    public static func estimate<M: Model>(
        posterior: Posterior<M>, sampler: SamplerConfiguration, settings: ChainSettings,
        targetMCSE: Double? = nil, maxConcurrency: Int? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) async -> (estimate: LLCEstimate, results: [ChainResult]) {
        let results = await ChainRunner.run(posterior: posterior, sampler: sampler, initial: posterior.center,
                                            settings: settings, maxConcurrency: maxConcurrency, progress: progress)
        return (summarize(results, posterior: posterior, sampler: sampler, targetMCSE: targetMCSE), results)
    }

    /// The same with a concrete kernel.
    @inlinable
    public static func estimate<M: Model, K: Kernel>(
        posterior: Posterior<M>, kernel: K, settings: ChainSettings,
        targetMCSE: Double? = nil, maxConcurrency: Int? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) async -> (estimate: LLCEstimate, results: [ChainResult]) {
        let results = await ChainRunner.run(posterior: posterior, kernel: kernel, initial: posterior.center,
                                            settings: settings, maxConcurrency: maxConcurrency, progress: progress)
        return (summarize(results, posterior: posterior, sampler: kernel.configuration, targetMCSE: targetMCSE), results)
    }

    /// λ̂ per chain, pooled mean, spread, MCSE, R̂, ESS and the verdict from chain results.
    /// `targetMCSE` is the MCSE the verdict asks for (absolute); nil means 2% of |λ̂|.
    public static func summarize<M: Model>(_ results: [ChainResult], posterior: Posterior<M>, sampler: SamplerConfiguration,
                                           targetMCSE: Double? = nil) -> LLCEstimate {
        let nbeta = posterior.nbeta
        let lossAtCenter = results.first?.initialLoss ?? .nan
        let perChain = results.map { r -> Double in
            r.losses.isEmpty ? .nan : nbeta * (r.losses.reduce(0, +) / Double(r.losses.count) - r.initialLoss)
        }
        let healthy = results.filter(\.isHealthy)
        let healthyLLC = healthy.map { perChain[$0.chain] }
        let mean = healthyLLC.isEmpty ? .nan : healthyLLC.reduce(0, +) / Double(healthyLLC.count)
        let std = healthyLLC.count > 1
            ? (healthyLLC.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(healthyLLC.count - 1)).squareRoot() : .nan
        let diagnostics = Diagnostics(chains: healthy.map(\.losses))
        let acceptances = healthy.compactMap(\.acceptanceRate)
        let probes = healthy.compactMap(\.diagnosticAcceptance)
        let target = targetMCSE ?? DiagnosticThresholds.targetMCSE(for: mean)
        var estimate = LLCEstimate(
            llcMean: mean, llcStd: std, llcMCSE: nbeta * diagnostics.mcse, chains: perChain,
            nbeta: nbeta, sampleCount: posterior.model.sampleCount, sampler: sampler.kind.rawValue,
            stepSize: results.first?.stepSize ?? sampler.stepSize, localization: posterior.localization,
            lossAtCenter: lossAtCenter, rhat: diagnostics.rhat, essBulk: diagnostics.essBulk, essTail: diagnostics.essTail,
            acceptance: acceptances.isEmpty ? nil : acceptances.reduce(0, +) / Double(acceptances.count),
            diagnosticAcceptance: probes.isEmpty ? nil : probes.reduce(0, +) / Double(probes.count),
            divergences: results.compactMap(\.divergence),
            draws: healthy.map(\.losses.count).min() ?? 0, targetMCSE: target, verdict: Verdict())
        estimate.verdict = verdict(for: estimate, targetMCSE: targetMCSE)
        return estimate
    }

    /// The verdict of an LLC estimate: the sampling rules of `Verdict(sampling:)` on its
    /// diagnostics (MCSE against `targetMCSE`, default 2% of |λ̂|), and `negative_llc`
    /// (check) when λ̂ < 0. Recompute it after changing the estimate (more draws, another target).
    public static func verdict(for e: LLCEstimate, targetMCSE: Double? = nil) -> Verdict {
        let sampler = SamplerKind(rawValue: e.sampler) ?? .sgld
        let healthy = e.chains.count - e.divergences.count
        let target = targetMCSE ?? DiagnosticThresholds.targetMCSE(for: e.llcMean)
        let relative = String(format: "%.0f%% of |λ̂|", DiagnosticThresholds.relativeMCSE * 100)
        var verdict = Verdict(sampling: .init(
            sampler: sampler, chains: healthy, draws: e.draws, divergences: e.divergences.count,
            rHat: e.rhat, essBulk: e.essBulk, essTail: e.essTail, mcse: e.llcMCSE, targetMCSE: target,
            targetDescription: targetMCSE == nil ? relative : nil,
            acceptance: e.acceptance, sgldProbe: e.diagnosticAcceptance))
        if e.llcMean < 0 {
            verdict.add(.negativeLLC, .check,
                        "negative LLC: w* is not a local minimum of L_n or the chains drifted to lower loss; move w* to a minimum (optimise the centre) or strengthen the localization",
                        value: e.llcMean, threshold: 0)
        }
        return verdict
    }
}
