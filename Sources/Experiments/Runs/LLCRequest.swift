import Estimators
import Foundation
import Models
import Sampling

/// Everything an LLC run needs besides the model: the sampler, the
/// temperature, the localization, the prior and the chain settings.
public struct LLCRequest: Sendable {
    public var sampler: SamplerConfiguration
    /// nβ; nil means n / log n from the data size.
    public var nbeta: Double?
    public var localization: Double
    public var prior: Prior
    /// w* by parameter name; missing names are 0.
    public var center: [String: Double]
    public var settings: ChainSettings
    /// Move w* to the local minimum of L_n reached by gradient descent from it.
    public var optimizeCenter = false

    public init(sampler: SamplerConfiguration, nbeta: Double? = nil, localization: Double = 1,
                prior: Prior, center: [String: Double] = [:], settings: ChainSettings = ChainSettings()) {
        self.sampler = sampler
        self.nbeta = nbeta
        self.localization = localization
        self.prior = prior
        self.center = center
        self.settings = settings
    }

    /// The posterior for `model`; throws if w* names an unknown parameter or lies outside the prior.
    public func posterior<M: Model>(for model: M) throws -> Posterior<M> {
        for name in center.keys where !model.parameterNames.contains(name) {
            throw SpecError(path: "--at", "unknown parameter '\(name)'; the model has \(model.parameterNames.joined(separator: ", "))")
        }
        let w = model.parameterNames.map { center[$0] ?? 0 }
        if case let .uniform(lower, upper) = prior {
            for (i, v) in w.enumerated() where v < lower[i] || v > upper[i] {
                throw SpecError(path: "--at", "\(model.parameterNames[i]) = \(v) is outside the prior's support [\(lower[i]), \(upper[i])]")
            }
        }
        let wStar = optimizeCenter ? LocalMinimizer.descend(model, from: w).point : w
        if !wStar.withUnsafeBufferPointer({ prior.contains($0) }) {
            throw SpecError(path: "--optimize-center", "gradient descent from w* left the prior's support")
        }
        // The default nβ = n/log n is taken at max(n, 3): say so rather than silently use n = 3.
        guard nbeta != nil || model.sampleCount >= 3 else {
            throw SpecError(path: "nbeta", "the default nβ = n/log n needs n ≥ 3, got n = \(model.sampleCount); give nβ (--nbeta or llc.nbeta) or more data")
        }
        return Posterior(model: model, nbeta: nbeta ?? Posterior<M>.defaultNBeta(sampleCount: model.sampleCount),
                         localization: localization, center: wStar, prior: prior)
    }
}

/// Runs an `LLCRequest` on whatever model it is handed.
public struct LLCRun: AsyncModelVisitor {
    public var request: LLCRequest
    public var title: String
    public var progress: (@Sendable (Int) -> Void)?

    public init(request: LLCRequest, title: String, progress: (@Sendable (Int) -> Void)? = nil) {
        self.request = request
        self.title = title
        self.progress = progress
    }

    public func visit<M: Model>(_ model: M) async throws -> LLCReport {
        let posterior = try request.posterior(for: model)
        let (estimate, results) = await LocalLearningCoefficient.estimate(posterior: posterior, sampler: request.sampler,
                                                                          settings: request.settings, progress: progress)
        return LLCReport(title: title, estimate: estimate, results: results, parameterNames: model.parameterNames)
    }
}
