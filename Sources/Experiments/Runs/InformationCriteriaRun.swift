import Estimators
import Models
import Sampling

/// WBIC for whatever model it is handed.
public struct WBICRun: ModelRun {
    public var sampler: SamplerConfiguration
    public var prior: Prior
    /// Where the chains start (`StartPoint`).
    public var start: StartPoint
    public var settings: ChainSettings

    public init(sampler: SamplerConfiguration, prior: Prior, start: StartPoint, settings: ChainSettings) {
        self.sampler = sampler
        self.prior = prior
        self.start = start
        self.settings = settings
    }

    public func run<M: Model>(on model: M) async throws -> InformationCriteria.WBICResult {
        let initial = try start.resolve(for: model, prior: prior)
        try checkSampleCount(model)
        return try await InformationCriteria.wbic(model: model, prior: prior, sampler: sampler, initial: initial, settings: settings)
    }
}

/// BIC for whatever model it is handed (minimiser over the prior's box).
public struct BICRun: ModelRun {
    public var prior: Prior
    public var seed: UInt64
    public init(prior: Prior, seed: UInt64) {
        self.prior = prior
        self.seed = seed
    }
    public func run<M: Model>(on model: M) async throws -> InformationCriteria.BICResult {
        let (lower, upper, _) = try prior.integrationDomain(dimension: model.dimension)
        return try InformationCriteria.bic(model: model, lower: lower, upper: upper, seed: seed)
    }
}
