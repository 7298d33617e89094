import Models
import Sampling

/// The loss draws of the whole tempered posterior φ(w) exp(−nβ L_n(w)) (no
/// localization), summarised: what WBIC and the temperature estimators of λ
/// are built from.
enum TemperedLoss {
    /// Chains of `sampler` at `nbeta` from `initial`; diagnostics of the
    /// chains that did not diverge, and how many did.
    static func sample<M: Model>(model: M, nbeta: Double, prior: (weightDecay: Double, support: Box?),
                                 sampler: SamplerConfiguration, initial: [Double],
                                 settings: ChainSettings) async throws -> (diagnostics: Diagnostics, divergences: Int) {
        let posterior = Posterior(model: model, nbeta: nbeta, localization: 0, center: initial,
                                  weightDecay: prior.weightDecay, support: prior.support)
        return try await sampler.accept(Chains(posterior: posterior, initial: initial, settings: settings))
    }

    struct Chains<M: Model>: KernelVisitor {
        let posterior: Posterior<M>
        let initial: [Double]
        let settings: ChainSettings
        func visit<K: Kernel>(_ kernel: K) async throws -> (diagnostics: Diagnostics, divergences: Int) {
            let results = await ChainRunner.run(posterior: posterior, kernel: kernel, initial: initial, settings: settings)
            let healthy = results.filter(\.isHealthy)
            return (Diagnostics(chains: healthy.map(\.losses)), results.count - healthy.count)
        }
    }
}

extension ChainResult {
    /// The chain finished without diverging and produced draws.
    var isHealthy: Bool { divergence == nil && !losses.isEmpty }
}
