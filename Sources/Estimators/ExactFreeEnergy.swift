import Foundation
import GSL
import Models

/// The tempered Bayesian free energy by numerical integration:
///
///     F_n(β) = −log ∫ φ(w) exp(−nβ L_n(w)) dw
///
/// over a box (the support of a uniform prior, or ±10σ of a Gaussian one,
/// whose truncation error is below e^−50). The integrand underflows at large
/// nβ, so the minimum m of nβ L_n is found first (GSL Nelder–Mead from
/// several starts) and F = m − log ∫ φ exp(−(nβL_n − m)). Iterated adaptive
/// quadrature (d ≤ 3) splits every axis at the minimiser, so the peak sits on
/// sub-box corners where QAGS refines; VEGAS handles d ≤ 8.
public enum ExactFreeEnergy {
    public enum Method: String, Sendable, Codable, CaseIterable {
        case quadrature, vegas
    }

    public struct Result: Sendable, Codable {
        public var freeEnergy: Double
        /// Absolute error of F (from the integrator's error estimate).
        public var error: Double
        public var nbeta: Double
        public var method: Method
        /// The minimiser of nβ L_n over the box and nβ L_n there.
        public var minimizer: [Double]
        public var minimumEnergy: Double
        /// VEGAS only: χ²/dof of the last iteration.
        public var chiSquaredPerDof: Double?

        enum CodingKeys: String, CodingKey {
            case freeEnergy = "free_energy", error, nbeta, method, minimizer, minimumEnergy = "minimum_energy"
            case chiSquaredPerDof = "chi_squared_per_dof"
        }
    }

    /// F_n(β) of `model` with nβ = `nbeta`, prior log density `logPrior` on
    /// [lower, upper] (it must integrate to 1 there for F_n(0) = 0).
    public static func compute<M: Model>(
        model: M, nbeta: Double, lower: [Double], upper: [Double],
        logPrior: @escaping ([Double]) -> Double, method: Method = .quadrature,
        relativeTolerance: Double = 1e-10, seed: UInt64 = 1, vegasCalls: Int = 200_000
    ) throws -> Result {
        let d = model.dimension
        guard lower.count == d, upper.count == d, zip(lower, upper).allSatisfy({ $0 < $1 && $0.isFinite && $1.isFinite }) else {
            throw SpecificationError("the integration box must have finite lower < upper bounds in each of the \(d) coordinates")
        }
        switch method {
        case .quadrature where d > 3:
            throw SpecificationError("quadrature handles d ≤ 3 (this model has d = \(d)); use the VEGAS method (d ≤ 8)")
        case .vegas where d > 8:
            throw SpecificationError("VEGAS is reliable up to d ≈ 8 (this model has d = \(d)); use thermodynamic integration")
        default: break
        }
        let energy = EnergyFunction(model: model, nbeta: nbeta)
        let (wMin, eMin) = try minimum(of: energy.value, lower: lower, upper: upper, seed: seed)
        let integrand: ([Double]) -> Double = { w in exp(logPrior(w) - (energy.value(w) - eMin)) }

        var value = 0.0, error = 0.0
        var chi: Double?
        switch method {
        case .quadrature:
            for box in splitBoxes(lower: lower, upper: upper, at: wMin) {
                let r = try integrate(integrand, lower: box.lower, upper: box.upper, relativeTolerance: relativeTolerance)
                value += r.value
                error += r.error
            }
        case .vegas:
            let rng = RandomStream(seed: seed)
            let r = try Integration.vegas({ integrand(Array($0)) }, lower: lower, upper: upper, calls: vegasCalls, rng: rng)
            value = r.value
            error = r.error
            chi = r.chiSquaredPerDof
        }
        guard value > 0, value.isFinite else {
            throw SpecificationError("the integral of φ·exp(−nβ L_n) vanished or overflowed (\(value)); check the prior box and the loss")
        }
        return Result(freeEnergy: eMin - log(value), error: error / value, nbeta: nbeta, method: method,
                      minimizer: wMin, minimumEnergy: eMin, chiSquaredPerDof: chi)
    }

    /// nβ L_n(w) with a private workspace (quadrature is single-threaded per call).
    final class EnergyFunction<M: Model> {
        let model: M
        let nbeta: Double
        var workspace: M.Workspace
        init(model: M, nbeta: Double) {
            self.model = model
            self.nbeta = nbeta
            workspace = model.makeWorkspace(maxBatchSize: 1)
        }
        func value(_ w: [Double]) -> Double {
            nbeta * w.withUnsafeBufferPointer { model.loss($0, workspace: &workspace) }
        }
    }

    /// The smallest value of `f` on the box: Nelder–Mead from the centre, the
    /// origin (if inside) and 8 seeded random points, each clamped to the box.
    static func minimum(of f: @escaping ([Double]) -> Double, lower: [Double], upper: [Double], seed: UInt64) throws -> ([Double], Double) {
        let d = lower.count
        func clamp(_ w: [Double]) -> [Double] { (0..<d).map { min(max(w[$0], lower[$0]), upper[$0]) } }
        var starts = [(0..<d).map { (lower[$0] + upper[$0]) / 2 }]
        let origin = [Double](repeating: 0, count: d)
        if clamp(origin) == origin { starts.append(origin) }
        let rng = RandomStream(seed: seed, stream: 1)
        for _ in 0..<8 { starts.append((0..<d).map { rng.uniform(in: lower[$0]...upper[$0]) }) }
        var best = (starts[0], f(starts[0]))
        for s in starts {
            let steps = (0..<d).map { (upper[$0] - lower[$0]) / 10 }
            // A valley of minima (a singular model) or a loss with a large constant (n·L_n of data) keeps the
            // simplex from shrinking to 1e-10; its best vertex after the iteration limit is still the minimum found.
            if let m = try? Minimizer.nelderMead({ f(clamp($0)) }, start: s, stepSizes: steps, sizeTolerance: 1e-10,
                                                 maxIterations: 2000, requireConvergence: false) {
                let p = clamp(m.point), v = f(p)
                if v < best.1 { best = (p, v) }
            }
            let v = f(s)
            if v < best.1 { best = (s, v) }
        }
        return best
    }

    /// The box cut along every axis at `point` (inside the box): up to 2^d sub-boxes.
    static func splitBoxes(lower: [Double], upper: [Double], at point: [Double]) -> [(lower: [Double], upper: [Double])] {
        var boxes: [(lower: [Double], upper: [Double])] = [(lower, upper)]
        for j in lower.indices where point[j] > lower[j] && point[j] < upper[j] {
            boxes = boxes.flatMap { b -> [(lower: [Double], upper: [Double])] in
                var left = b, right = b
                left.upper[j] = point[j]
                right.lower[j] = point[j]
                return [left, right]
            }
        }
        return boxes
    }

    static func integrate(_ f: @escaping ([Double]) -> Double, lower: [Double], upper: [Double], relativeTolerance: Double) throws -> IntegrationResult {
        switch lower.count {
        case 1:
            return try Integration.qags({ f([$0]) }, from: lower[0], to: upper[0], relativeTolerance: relativeTolerance)
        case 2:
            return try Integration.iterated2D({ f([$0, $1]) }, x: lower[0]...upper[0], y: lower[1]...upper[1], relativeTolerance: relativeTolerance)
        default:
            return try Integration.iterated3D({ f([$0, $1, $2]) }, x: lower[0]...upper[0], y: lower[1]...upper[1], z: lower[2]...upper[2], relativeTolerance: relativeTolerance)
        }
    }
}

/// An estimator was asked for something it cannot do; says what and why.
public struct SpecificationError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
