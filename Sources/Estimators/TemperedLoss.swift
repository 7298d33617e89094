import Models
import Sampling

/// The loss draws of the whole tempered posterior φ(w) exp(−nβ L_n(w)) (no
/// localization), summarised: what WBIC, the temperature estimators of λ,
/// thermodynamic integration and WAIC are built from.
enum TemperedLoss {
    /// Chains of `sampler` at `nbeta` from `initial`; diagnostics of the
    /// chains that did not diverge, how many did, and the sampling verdict.
    static func sample<M: Model>(model: M, nbeta: Double, prior: Prior,
                                 sampler: SamplerConfiguration, initial: [Double], settings: ChainSettings,
                                 progress: (@Sendable (Int) -> Void)? = nil) async throws
        -> (diagnostics: Diagnostics, divergences: Int, acceptance: Double?, verdict: Verdict) {
        let (healthy, divergences) = try await chains(model: model, nbeta: nbeta, prior: prior, sampler: sampler,
                                                      initial: initial, settings: settings, progress: progress)
        let d = Diagnostics(chains: healthy.map(\.losses))
        let evidence = Verdict.SamplingEvidence(sampler: sampler.kind, healthy: healthy, divergences: divergences, diagnostics: d)
        return (d, divergences, evidence.acceptance, Verdict(sampling: evidence))
    }

    /// The chains themselves (with positions if `settings.recordPositions`):
    /// those that did not diverge, and how many did.
    static func chains<M: Model>(model: M, nbeta: Double, prior: Prior,
                                 sampler: SamplerConfiguration, initial: [Double], settings: ChainSettings,
                                 progress: (@Sendable (Int) -> Void)? = nil) async throws -> (healthy: [ChainResult], divergences: Int) {
        let posterior = Posterior(model: model, nbeta: nbeta, localization: 0, center: initial, prior: prior)
        let results = await ChainRunner.run(posterior: posterior, sampler: sampler, initial: initial, settings: settings,
                                            progress: progress)
        let healthy = results.filter(\.isHealthy)
        return (healthy, results.count - healthy.count)
    }
}

extension ChainResult {
    /// The chain finished without diverging and produced draws.
    var isHealthy: Bool { divergence == nil && !losses.isEmpty }
}
