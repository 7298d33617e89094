import Estimators
import Models
import Sampling

/// WAIC and the singular fluctuation for whatever model it is handed.
public struct WAICRun: AsyncModelVisitor {
    public var sampler: SamplerConfiguration
    public var prior: Prior
    public var initial: [String: Double]
    public var settings: ChainSettings
    public var beta: Double
    public var progress: (@Sendable (Int) -> Void)?

    public init(sampler: SamplerConfiguration, prior: Prior, initial: [String: Double], settings: ChainSettings,
                beta: Double = 1, progress: (@Sendable (Int) -> Void)? = nil) {
        self.sampler = sampler
        self.prior = prior
        self.initial = initial
        self.settings = settings
        self.beta = beta
        self.progress = progress
    }

    public func visit<M: Model>(_ model: M) async throws -> WAIC.Result {
        if model is Potential {
            throw SpecError(path: "model", "WAIC needs a model with data (--q or a spec): a potential (--polynomial) has no per-sample log-likelihoods")
        }
        let start = try LLCRequest(sampler: sampler, localization: 0, prior: prior, center: initial).posterior(for: model).center
        return try await WAIC.estimate(model: model, prior: prior, sampler: sampler, initial: start,
                                       settings: settings, beta: beta, progress: progress)
    }
}
