import Estimators
import Foundation
import Models

/// Computes F_n(β) exactly for whatever model it is handed.
public struct FreeEnergyRun: ModelRun {
    public var beta: Double
    public var method: ExactFreeEnergy.Method
    public var prior: Prior
    /// Restrict to the box w* ± radius (the local free energy), intersected with the prior's box.
    public var localRadius: Double?
    public var center: [String: Double]
    public var seed: UInt64

    public init(beta: Double, method: ExactFreeEnergy.Method, prior: Prior, localRadius: Double?, center: [String: Double], seed: UInt64) {
        self.beta = beta
        self.method = method
        self.prior = prior
        self.localRadius = localRadius
        self.center = center
        self.seed = seed
    }

    public func run<M: Model>(on model: M) async throws -> ExactFreeEnergy.Result {
        let d = model.dimension
        var (lower, upper, logPrior) = try prior.integrationDomain(dimension: d)
        if let r = localRadius {
            for name in center.keys.sorted() where !model.parameterNames.contains(name) {
                throw SpecError(path: "at", "unknown parameter '\(name)'")
            }
            let w = model.parameterNames.map { center[$0] ?? 0 }
            lower = (0..<d).map { max(lower[$0], w[$0] - r) }
            upper = (0..<d).map { min(upper[$0], w[$0] + r) }
            guard zip(lower, upper).allSatisfy({ $0 < $1 }) else {
                throw SpecError(path: "localRadius", "the neighbourhood of w* does not meet the prior's support")
            }
        }
        return try ExactFreeEnergy.compute(model: model, nbeta: beta * Double(model.sampleCount), lower: lower, upper: upper,
                                           logPrior: logPrior, method: method, seed: seed)
    }
}

