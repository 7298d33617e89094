import Estimators
import Foundation
import Models

/// Fits λ and m to F_n over a grid of n for whatever model it is handed
/// (`FreeEnergyFit`). A potential is integrated at nβ = n·β; a data model
/// uses the first n of its samples at each n, so the data are drawn once (at
/// the largest n) and every smaller n is a prefix of the same sample.
public struct FreeEnergyFitRun: AsyncModelVisitor {
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

    public func visit<M: Model>(_ model: M) async throws -> FreeEnergyFit.Result {
        let (lower, upper, logPrior) = try prior.integrationDomain(dimension: model.dimension)
        try Self.checkRange(grid, model: model)
        return try FreeEnergyFit.compute(grid: grid, beta: beta, lower: lower, upper: upper, logPrior: logPrior,
                                         nextOrder: nextOrder, seed: seed,
                                         modelAt: { try Self.firstSamples(of: model, count: $0) }, progress: progress)
    }

    /// A data model must hold at least the grid's largest n samples.
    static func checkRange<M: Model>(_ grid: [Double], model: M) throws {
        guard !(model is Potential), let last = grid.last, Int(last) > model.sampleCount else { return }
        throw SpecError(path: "--n-max", "the data have \(model.sampleCount) samples, fewer than n-max = \(Int(last))")
    }

    /// The model at n: a potential with sample count n (n only enters nβ);
    /// a regression model on its first n samples.
    static func firstSamples<M: Model>(of model: M, count n: Double) throws -> M {
        if let p = model as? Potential {
            guard let m = try Potential(k: p.k, variables: p.parameterNames, sampleCount: Int(n), truth: p.truth) as? M else {
                throw SpecError(path: "model", "could not set the potential's n to \(Int(n))")
            }
            return m
        }
        guard let regression = model as? any RegressionModel else {
            throw SpecError(path: "model", "this model has no data to subsample")
        }
        return try prefix(regression, Int(n))
    }

    private static func prefix<R: RegressionModel, M: Model>(_ model: R, _ n: Int) throws -> M {
        let d = model.data
        guard n >= 1, n <= d.count else { throw SpecError(path: "--n-max", "the data have \(d.count) samples, n = \(n) asked") }
        let data = try Dataset(inputs: Array(d.inputs.prefix(n * d.inputDimension)), outputs: Array(d.outputs.prefix(n * d.outputDimension)),
                               inputDimension: d.inputDimension, outputDimension: d.outputDimension,
                               inputDistribution: d.inputDistribution, source: "\(d.source), first \(n)")
        guard let m = try model.withData(data, truth: model.truth) as? M else {
            throw SpecError(path: "model", "could not re-attach the first \(n) samples")
        }
        return m
    }
}
