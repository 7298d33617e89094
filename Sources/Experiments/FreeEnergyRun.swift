import Estimators
import Foundation
import Models

/// Computes F_n(β) exactly for whatever model it is handed.
public struct FreeEnergyRun: ModelVisitor {
    public var beta: Double
    public var method: ExactFreeEnergy.Method
    public var prior: PriorSpec
    /// Restrict to the box w* ± radius (the local free energy), intersected with the prior's box.
    public var localRadius: Double?
    public var center: [String: Double]
    public var seed: UInt64

    public init(beta: Double, method: ExactFreeEnergy.Method, prior: PriorSpec, localRadius: Double?, center: [String: Double], seed: UInt64) {
        self.beta = beta
        self.method = method
        self.prior = prior
        self.localRadius = localRadius
        self.center = center
        self.seed = seed
    }

    public func visit<M: Model>(_ model: M) async throws -> ExactFreeEnergy.Result {
        let d = model.dimension
        var (lower, upper, logPrior) = try prior.integrationDomain(dimension: d)
        if let r = localRadius {
            for name in center.keys where !model.parameterNames.contains(name) {
                throw SpecError(path: "--at", message: "unknown parameter '\(name)'")
            }
            let w = model.parameterNames.map { center[$0] ?? 0 }
            lower = (0..<d).map { max(lower[$0], w[$0] - r) }
            upper = (0..<d).map { min(upper[$0], w[$0] + r) }
            guard zip(lower, upper).allSatisfy({ $0 < $1 }) else {
                throw SpecError(path: "--local-radius", message: "the neighbourhood of w* does not meet the prior's support")
            }
        }
        return try ExactFreeEnergy.compute(model: model, nbeta: beta * Double(model.sampleCount), lower: lower, upper: upper,
                                           logPrior: logPrior, method: method, seed: seed)
    }
}

extension PriorSpec {
    /// The box to integrate over and the normalised log density there: a
    /// uniform prior's support, or ±10σ of a Gaussian (truncation < e^−50).
    public func integrationDomain(dimension d: Int) throws -> (lower: [Double], upper: [Double], logDensity: @Sendable ([Double]) -> Double) {
        switch self {
        case .uniform(let lo, let hi):
            let logDensity = -Double(d) * log(hi - lo)
            return (.init(repeating: lo, count: d), .init(repeating: hi, count: d), { _ in logDensity })
        case .normal(let s):
            let constant = -Double(d) * log(s * (2 * Double.pi).squareRoot())
            return (.init(repeating: -10 * s, count: d), .init(repeating: 10 * s, count: d),
                    { w in constant - 0.5 * w.reduce(0) { $0 + $1 * $1 } / (s * s) })
        case .flat:
            throw SpecError(path: "--prior", message: "the free energy needs a normalised prior; flat is improper (use uniform:LO,HI or normal:SIGMA)")
        }
    }
}
