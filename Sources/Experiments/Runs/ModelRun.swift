import Models

/// One estimator (or benchmark) run on a model: the run's settings are the
/// value, `run(on:)` does the work, called by `AnyModel.accept` with the
/// concrete model type so the samplers' and integrators' hot loops are
/// specialised. What a run needs to know about the model beyond the loss
/// (whether it has per-sample data, the same model at another n) it asks
/// the `Model` itself (`hasPerSampleData`, `withSampleCount`), never by
/// casting to a concrete type.
///
///     let report = try await experiment.model.accept(LLCRun(request: request, title: "w^4"))
public protocol ModelRun {
    associatedtype Output
    func run<M: Model>(on model: M) async throws -> Output
}

extension AnyModel {
    /// Calls `run.run(on:)` with the concrete model.
    public func accept<R: ModelRun>(_ run: R) async throws -> R.Output {
        switch self {
        case let .polynomialRegression(m): return try await run.run(on: m)
        case let .potential(m): return try await run.run(on: m)
        case let .linearRegression(m): return try await run.run(on: m)
        case let .reducedRankRegression(m): return try await run.run(on: m)
        case let .deepLinearNetwork(m): return try await run.run(on: m)
        case let .mlp(m): return try await run.run(on: m)
        }
    }
}
