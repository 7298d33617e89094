import Estimators
import Models

/// λ and m from the LLC over decades of nβ (`NBetaSweep`) for an `LLCRequest`:
/// its sampler (step size at the smallest nβ), localization, prior, w* and
/// chain settings; `request.nbeta` is not used.
public struct NBetaSweepRun: ModelRun {
    public var request: LLCRequest
    /// The nβ values, any order.
    public var nbetas: [Double]
    public var progress: (@Sendable (Int) -> Void)?

    public init(request: LLCRequest, nbetas: [Double], progress: (@Sendable (Int) -> Void)? = nil) {
        self.request = request
        self.nbetas = nbetas
        self.progress = progress
    }

    /// Sampler steps over the sweep (for a progress line).
    public var totalSteps: Int {
        let s = request.settings
        return nbetas.count * s.chains * (s.burnIn + s.draws * s.thin)
    }

    public func run<M: Model>(on model: M) async throws -> NBetaSweep.Result {
        let center = try request.start.resolve(for: model, prior: request.prior)
        return try await NBetaSweep.estimate(model: model, prior: request.prior, center: center, sampler: request.sampler,
                                             localization: request.localization, nbetas: nbetas,
                                             settings: request.settings, progress: progress)
    }
}
