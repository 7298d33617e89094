import Estimators
import Models
import Sampling

/// The two-temperature, multi-temperature and Imai λ̂ for whatever model it is handed.
public struct TemperatureLambdaRun: ModelRun {
    public var sampler: SamplerConfiguration
    public var prior: Prior
    /// Where the chains start (`StartPoint`).
    public var start: StartPoint
    public var settings: ChainSettings
    public var beta0: (Double, Double)
    public var temperatures: [Double]
    public var progress: (@Sendable (Int) -> Void)?

    public init(sampler: SamplerConfiguration, prior: Prior, start: StartPoint, settings: ChainSettings,
                beta0: (Double, Double) = (1, 1.5), temperatures: [Double] = [0.5, 0.75, 1, 1.5, 2],
                progress: (@Sendable (Int) -> Void)? = nil) {
        self.sampler = sampler
        self.prior = prior
        self.start = start
        self.settings = settings
        self.beta0 = beta0
        self.temperatures = temperatures
        self.progress = progress
    }

    /// How many distinct temperatures are sampled.
    public var temperatureCount: Int {
        ([beta0.0, beta0.1] + temperatures).reduce(into: [Double]()) { if !$0.contains($1) { $0.append($1) } }.count
    }

    /// Sampler steps over all temperatures (for a progress line).
    public var totalSteps: Int { temperatureCount * settings.chains * (settings.burnIn + settings.draws * settings.thin) }

    public func run<M: Model>(on model: M) async throws -> TemperatureLambda.Result {
        let initial = try start.resolve(for: model, prior: prior)
        try checkSampleCount(model)
        return try await TemperatureLambda.estimate(model: model, prior: prior, sampler: sampler, initial: initial,
                                                    settings: settings, beta0: beta0, temperatures: temperatures, progress: progress)
    }
}
