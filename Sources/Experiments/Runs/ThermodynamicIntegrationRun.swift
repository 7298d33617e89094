import Estimators
import Models
import Sampling

/// F_n(β) by thermodynamic integration for whatever model it is handed.
public struct ThermodynamicIntegrationRun: ModelRun {
    public var sampler: SamplerConfiguration
    public var prior: Prior
    /// Where the chains start (`StartPoint`).
    public var start: StartPoint
    public var settings: ChainSettings
    public var beta: Double
    public var rungs: Int
    public var exponent: Double
    public var progress: (@Sendable (Int) -> Void)?

    public init(sampler: SamplerConfiguration, prior: Prior, start: StartPoint, settings: ChainSettings,
                beta: Double = 1, rungs: Int = 20, exponent: Double = 4, progress: (@Sendable (Int) -> Void)? = nil) {
        self.sampler = sampler
        self.prior = prior
        self.start = start
        self.settings = settings
        self.beta = beta
        self.rungs = rungs
        self.exponent = exponent
        self.progress = progress
    }

    /// Sampler steps over the whole ladder (for a progress line).
    public var totalSteps: Int { rungs * settings.chains * (settings.burnIn + settings.draws * settings.thin) }

    public func run<M: Model>(on model: M) async throws -> ThermodynamicIntegration.Result {
        if case .flat = prior {
            throw SpecError(path: "prior", "thermodynamic integration needs a normalised prior (F_n(0) = 0); flat is improper (use uniform:LO,HI or normal:SIGMA)")
        }
        let initial = try start.resolve(for: model, prior: prior)
        try checkSampleCount(model)
        return try await ThermodynamicIntegration.estimate(model: model, prior: prior, sampler: sampler, initial: initial,
                                                           settings: settings, beta: beta, rungs: rungs, exponent: exponent,
                                                           progress: progress)
    }
}
