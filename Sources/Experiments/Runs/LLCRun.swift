import Estimators
import Models

/// The local learning coefficient at w* (`LocalLearningCoefficient`) for an `LLCRequest`.
public struct LLCRun: ModelRun {
    public var request: LLCRequest
    public var title: String
    public var progress: (@Sendable (Int) -> Void)?

    public init(request: LLCRequest, title: String, progress: (@Sendable (Int) -> Void)? = nil) {
        self.request = request
        self.title = title
        self.progress = progress
    }

    public func run<M: Model>(on model: M) async throws -> LLCReport {
        let posterior = try request.posterior(for: model)
        let (estimate, results) = await LocalLearningCoefficient.estimate(posterior: posterior, sampler: request.sampler,
                                                                          settings: request.settings, targetMCSE: request.targetMCSE,
                                                                          progress: progress)
        return LLCReport(title: title, estimate: estimate, results: results, parameterNames: model.parameterNames)
    }
}
