import Foundation
import Models
import Sampling

/// The local learning coefficient estimator: runs chains on the localised,
/// tempered posterior and turns their loss traces into an `LLCEstimate`.
public enum LocalLearningCoefficient {
    /// Samples `posterior` with `sampler` from its `center` and estimates λ̂(center).
    @inlinable
    public static func estimate<M: Model>(
        posterior: Posterior<M>, sampler: SamplerConfiguration, settings: ChainSettings,
        maxConcurrency: Int? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) async -> (estimate: LLCEstimate, results: [ChainResult]) {
        let results = await ChainRunner.run(posterior: posterior, sampler: sampler, initial: posterior.center,
                                            settings: settings, maxConcurrency: maxConcurrency, progress: progress)
        return (summarize(results, posterior: posterior, sampler: sampler), results)
    }

    /// The same with a concrete kernel.
    @inlinable
    public static func estimate<M: Model, K: Kernel>(
        posterior: Posterior<M>, kernel: K, settings: ChainSettings,
        maxConcurrency: Int? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) async -> (estimate: LLCEstimate, results: [ChainResult]) {
        let results = await ChainRunner.run(posterior: posterior, kernel: kernel, initial: posterior.center,
                                            settings: settings, maxConcurrency: maxConcurrency, progress: progress)
        return (summarize(results, posterior: posterior, sampler: kernel.configuration), results)
    }

    /// λ̂ per chain, pooled mean, spread, MCSE, R̂, ESS and warnings from chain results.
    public static func summarize<M: Model>(_ results: [ChainResult], posterior: Posterior<M>, sampler: SamplerConfiguration) -> LLCEstimate {
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
        var estimate = LLCEstimate(
            llcMean: mean, llcStd: std, llcMCSE: nbeta * diagnostics.mcse, chains: perChain,
            nbeta: nbeta, sampleCount: posterior.model.sampleCount, sampler: sampler.kind.rawValue,
            stepSize: results.first?.stepSize ?? sampler.stepSize, localization: posterior.localization,
            lossAtCenter: lossAtCenter, rhat: diagnostics.rhat, essBulk: diagnostics.essBulk, essTail: diagnostics.essTail,
            acceptance: acceptances.isEmpty ? nil : acceptances.reduce(0, +) / Double(acceptances.count),
            diagnosticAcceptance: probes.isEmpty ? nil : probes.reduce(0, +) / Double(probes.count),
            divergences: results.compactMap(\.divergence),
            draws: healthy.map(\.losses.count).min() ?? 0, warnings: [])
        estimate.warnings = warnings(for: estimate, chains: healthy.count, sampler: sampler.kind)
        return estimate
    }

    static func warnings(for e: LLCEstimate, chains: Int, sampler: SamplerKind) -> [String] {
        var out: [String] = []
        if !e.divergences.isEmpty {
            out.append("\(e.divergences.count) chain(s) diverged; the estimate uses the other \(chains)")
        }
        if chains == 0 { out.append("no chain produced draws"); return out }
        if e.rhat.isFinite && e.rhat > LLCWarningThresholds.rhat {
            out.append(String(format: "R-hat %.3f > %.2f: chains disagree; run longer or reduce the step size", e.rhat, LLCWarningThresholds.rhat))
        }
        if e.rhat.isNaN { out.append("R-hat is undefined (too few draws or a constant loss trace)") }
        if e.essBulk.isFinite && e.essBulk / Double(chains) < LLCWarningThresholds.essPerChain {
            out.append(String(format: "bulk ESS per chain %.0f < %.0f: the MCSE is unreliable; draw more or thin less", e.essBulk / Double(chains), LLCWarningThresholds.essPerChain))
        }
        if e.llcMean < 0 {
            out.append("negative LLC: w* is not a local minimum of L_n or the chains drifted to lower loss; check the initial point and the localization")
        }
        if let a = e.acceptance {
            let band = LLCWarningThresholds.acceptanceBand(for: sampler)
            if !band.contains(a) {
                out.append(String(format: "acceptance %.2f outside %.2f–%.2f: %@", a, band.lowerBound, band.upperBound,
                                  a < band.lowerBound ? "reduce the step size" : "the step size could be larger"))
            }
        }
        if let a = e.diagnosticAcceptance, a < LLCWarningThresholds.sgldAcceptance {
            out.append(String(format: "SGLD steps would be accepted by MALA with probability %.2f < %.2f: the step size biases the estimate; reduce it (see `rlct calibrate`)", a, LLCWarningThresholds.sgldAcceptance))
        }
        return out
    }
}
