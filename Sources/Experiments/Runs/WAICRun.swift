import Estimators
import Models
import Sampling

/// WAIC and the singular fluctuation for whatever model it is handed.
public struct WAICRun: ModelRun {
    public var sampler: SamplerConfiguration
    public var prior: Prior
    /// Where the chains start (`StartPoint`).
    public var start: StartPoint
    public var settings: ChainSettings
    public var beta: Double
    public var progress: (@Sendable (Int) -> Void)?

    public init(sampler: SamplerConfiguration, prior: Prior, start: StartPoint, settings: ChainSettings,
                beta: Double = 1, progress: (@Sendable (Int) -> Void)? = nil) {
        self.sampler = sampler
        self.prior = prior
        self.start = start
        self.settings = settings
        self.beta = beta
        self.progress = progress
    }

    public func run<M: Model>(on model: M) async throws -> WAIC.Result {
        if !model.hasPerSampleData {
            throw SpecError(path: "model", "WAIC needs a model with per-sample data (a regression model): a potential has no per-sample log-likelihoods")
        }
        let initial = try start.resolve(for: model, prior: prior)
        try checkSampleCount(model)
        return try await WAIC.estimate(model: model, prior: prior, sampler: sampler, initial: initial,
                                       settings: settings, beta: beta, progress: progress)
    }
}
