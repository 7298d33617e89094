import Estimators
import Models
import Sampling

/// F_n(β) by thermodynamic integration for whatever model it is handed.
public struct ThermodynamicIntegrationRun: AsyncModelVisitor {
    public var sampler: SamplerConfiguration
    public var prior: Prior
    public var initial: [String: Double]
    public var settings: ChainSettings
    public var beta: Double
    public var rungs: Int
    public var exponent: Double
    public var progress: (@Sendable (Int) -> Void)?

    public init(sampler: SamplerConfiguration, prior: Prior, initial: [String: Double], settings: ChainSettings,
                beta: Double = 1, rungs: Int = 20, exponent: Double = 4, progress: (@Sendable (Int) -> Void)? = nil) {
        self.sampler = sampler
        self.prior = prior
        self.initial = initial
        self.settings = settings
        self.beta = beta
        self.rungs = rungs
        self.exponent = exponent
        self.progress = progress
    }

    /// Sampler steps over the whole ladder (for a progress line).
    public var totalSteps: Int { rungs * settings.chains * (settings.burnIn + settings.draws * settings.thin) }

    public func visit<M: Model>(_ model: M) async throws -> ThermodynamicIntegration.Result {
        if case .flat = prior {
            throw SpecError(path: "prior", "thermodynamic integration needs a normalised prior (F_n(0) = 0); flat is improper (use uniform:LO,HI or normal:SIGMA)")
        }
        let start = try LLCRequest(sampler: sampler, localization: 0, prior: prior, center: initial).posterior(for: model).center
        return try await ThermodynamicIntegration.estimate(model: model, prior: prior, sampler: sampler, initial: start,
                                                           settings: settings, beta: beta, rungs: rungs, exponent: exponent,
                                                           progress: progress)
    }
}
