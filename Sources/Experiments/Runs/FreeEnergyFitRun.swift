import Estimators
import Foundation
import Models

/// Fits λ and m to F_n over a grid of n for whatever model it is handed
/// (`FreeEnergyFit`). A potential is integrated at nβ = n·β; a data model
/// uses the first n of its samples at each n, so the data are drawn once (at
/// the largest n) and every smaller n is a prefix of the same sample.
public struct FreeEnergyFitRun: ModelRun {
    public var grid: [Double]
    public var beta: Double
    public var prior: Prior
    public var nextOrder: Bool
    public var seed: UInt64
    /// Called after each n (a progress line).
    public var progress: @Sendable () -> Void

    public init(grid: [Double], beta: Double, prior: Prior, nextOrder: Bool, seed: UInt64,
                progress: @escaping @Sendable () -> Void = {}) {
        self.grid = grid
        self.beta = beta
        self.prior = prior
        self.nextOrder = nextOrder
        self.seed = seed
        self.progress = progress
    }

    public func run<M: Model>(on model: M) async throws -> FreeEnergyFit.Result {
        let (lower, upper, logPrior) = try prior.integrationDomain(dimension: model.dimension)
        try Self.checkRange(grid, model: model)
        return try FreeEnergyFit.compute(grid: grid, beta: beta, lower: lower, upper: upper, logPrior: logPrior,
                                         nextOrder: nextOrder, seed: seed,
                                         modelAt: { try Self.firstSamples(of: model, count: $0) }, progress: progress)
    }

    /// F_n at `grid[index]` as its own run: one independent piece of the fit
    /// (a cluster computes the n apart, docs/cluster.md); `FreeEnergyFit.fit` assembles them.
    public func point(_ index: Int) -> Point { Point(fit: self, index: index) }

    /// One n of a `FreeEnergyFitRun`: the same `FreeEnergyFit.Point` that `run(on:)` computes there.
    public struct Point: ModelRun {
        public var fit: FreeEnergyFitRun
        public var index: Int

        public func run<M: Model>(on model: M) async throws -> FreeEnergyFit.Point {
            let (lower, upper, logPrior) = try fit.prior.integrationDomain(dimension: model.dimension)
            try FreeEnergyFitRun.checkRange(fit.grid, model: model)
            guard fit.grid.indices.contains(index) else {
                throw SpecError(path: "grid", "no n number \(index) in a grid of \(fit.grid.count)")
            }
            let n = fit.grid[index]
            return try FreeEnergyFit.point(n: n, beta: fit.beta, model: try FreeEnergyFitRun.firstSamples(of: model, count: n),
                                           lower: lower, upper: upper, logPrior: logPrior, seed: fit.seed)
        }
    }

    /// A data model must hold at least the grid's largest n samples.
    static func checkRange<M: Model>(_ grid: [Double], model: M) throws {
        guard model.hasPerSampleData, let last = grid.last, Int(last) > model.sampleCount else { return }
        throw SpecError(path: "nMax", "the data have \(model.sampleCount) samples, fewer than n-max = \(Int(last))")
    }

    /// The model at n (`Model.withSampleCount`): a potential with sample count n
    /// (n only enters nβ); a data model on its first n samples.
    static func firstSamples<M: Model>(of model: M, count n: Double) throws -> M {
        let k = Int(n)
        if model.hasPerSampleData, !(k >= 1 && k <= model.sampleCount) {
            throw SpecError(path: "nMax", "the data have \(model.sampleCount) samples, n = \(k) asked")
        }
        guard let m = try model.withSampleCount(k) else {
            throw SpecError(path: "model", "this model has no data to subsample")
        }
        return m
    }
}
