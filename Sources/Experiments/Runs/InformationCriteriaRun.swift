import Estimators
import Models
import Sampling

/// WBIC for whatever model it is handed.
public struct WBICRun: AsyncModelVisitor {
    public var sampler: SamplerConfiguration
    public var prior: Prior
    public var initial: [String: Double]
    public var settings: ChainSettings

    public init(sampler: SamplerConfiguration, prior: Prior, initial: [String: Double], settings: ChainSettings) {
        self.sampler = sampler
        self.prior = prior
        self.initial = initial
        self.settings = settings
    }

    public func visit<M: Model>(_ model: M) async throws -> InformationCriteria.WBICResult {
        let start = try LLCRequest(sampler: sampler, localization: 0, prior: prior, center: initial).posterior(for: model).center
        return try await InformationCriteria.wbic(model: model, prior: prior, sampler: sampler, initial: start, settings: settings)
    }
}

/// BIC for whatever model it is handed (minimiser over the prior's box).
public struct BICRun: AsyncModelVisitor {
    public var prior: Prior
    public var seed: UInt64
    public init(prior: Prior, seed: UInt64) {
        self.prior = prior
        self.seed = seed
    }
    public func visit<M: Model>(_ model: M) async throws -> InformationCriteria.BICResult {
        let (lower, upper, _) = try prior.integrationDomain(dimension: model.dimension)
        return try InformationCriteria.bic(model: model, lower: lower, upper: upper, seed: seed)
    }
}
