import Estimators
import Foundation
import Models
import Sampling

/// Everything an LLC run needs besides the model: the sampler, the
/// temperature, the localization, the prior, w* and the chain settings.
public struct LLCRequest: Sendable {
    public var sampler: SamplerConfiguration
    /// nβ; nil means n / log n from the data size.
    public var nbeta: Double?
    public var localization: Double
    public var prior: Prior
    /// w*, the centre of the localization and the chains' start.
    public var start: StartPoint
    public var settings: ChainSettings
    /// `--step-size auto`: MALA/HMC adapt during burn-in from `SamplerKind.initialStepSize(nbeta:)`;
    /// SGLD/SGNHT take the step a `StepSizePilot` picks.
    public var autoStepSize = false
    /// The MCSE to reach, as a fraction of |λ̂|: the chains are extended until MCSE ≤ `targetMCSE`·|λ̂|
    /// or `maxDraws` per chain, and the verdict holds the MCSE to it (nil: no extension; the verdict's default 2%).
    public var targetMCSE: Double?
    public var maxDraws: Int?
    /// Cross-check an SGLD/SGNHT estimate against full-batch MALA (`LLCCrossCheck`).
    public var crossCheck = false

    public init(sampler: SamplerConfiguration, nbeta: Double? = nil, localization: Double = 1,
                prior: Prior, start: StartPoint = .given([:]), settings: ChainSettings = ChainSettings(),
                targetMCSE: Double? = nil) {
        self.sampler = sampler
        self.nbeta = nbeta
        self.localization = localization
        self.prior = prior
        self.start = start
        self.settings = settings
        self.targetMCSE = targetMCSE
    }

    /// The posterior for `model`; throws if w* names an unknown parameter or lies outside the prior.
    public func posterior<M: Model>(for model: M) throws -> Posterior<M> {
        try posteriorReporting(for: model).posterior
    }

    /// `posterior(for:)` with how `--optimize-center` moved w* (nil when not asked).
    public func posteriorReporting<M: Model>(for model: M) throws -> (posterior: Posterior<M>, move: CenterMove?) {
        let (wStar, move) = try start.resolveReporting(for: model, prior: prior)
        // The default nβ = n/log n is taken at max(n, 3): say so rather than silently use n = 3.
        if nbeta == nil { try checkSampleCount(model) }
        return (Posterior(model: model, nbeta: nbeta ?? Posterior<M>.defaultNBeta(sampleCount: model.sampleCount),
                          localization: localization, center: wStar, prior: prior), move)
    }
}

extension LLCRequest {
    /// The request a resolved configuration describes, at `start`.
    public init(_ configuration: RunConfiguration, prior: Prior, start: StartPoint) {
        self.init(sampler: configuration.sampler, nbeta: configuration.nbeta, localization: configuration.localization,
                  prior: prior, start: start, settings: configuration.settings)
        if case .auto = configuration.stepSize { autoStepSize = true }
        targetMCSE = configuration.targetMCSE
        maxDraws = configuration.maxDraws
        crossCheck = configuration.crossCheck
    }
}
