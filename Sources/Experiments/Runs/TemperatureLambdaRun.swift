import Estimators
import Models
import Sampling

/// The two-temperature, multi-temperature and Imai λ̂ for whatever model it is handed.
public struct TemperatureLambdaRun: AsyncModelVisitor {
    public var sampler: SamplerConfiguration
    public var prior: Prior
    public var initial: [String: Double]
    public var settings: ChainSettings
    public var beta0: (Double, Double)
    public var temperatures: [Double]
    public var progress: (@Sendable (Int) -> Void)?

    public init(sampler: SamplerConfiguration, prior: Prior, initial: [String: Double], settings: ChainSettings,
                beta0: (Double, Double) = (1, 1.5), temperatures: [Double] = [0.5, 0.75, 1, 1.5, 2],
                progress: (@Sendable (Int) -> Void)? = nil) {
        self.sampler = sampler
        self.prior = prior
        self.initial = initial
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

    public func visit<M: Model>(_ model: M) async throws -> TemperatureLambda.Result {
        let start = try LLCRequest(sampler: sampler, localization: 0, prior: prior, center: initial).posterior(for: model).center
        return try await TemperatureLambda.estimate(model: model, prior: prior, sampler: sampler, initial: start,
                                                    settings: settings, beta0: beta0, temperatures: temperatures, progress: progress)
    }
}
