import Foundation
import Polynomials

/// Escape from the regular minimum of `Q = (w + w0)^{d1} (w − w0)^{d2}` as one
/// setting varies (seed 003, Fig. 7): learning rate η, sharpness w0 or batch
/// size B. Each value runs an `SGDEnsemble` started uniformly in [−w0, w0]
/// (stream k for trajectory k, the same seed for every value) and an
/// `EscapeAnalysis` on the window [−2w0, 2w0].
public struct SGDSweep: Sendable {
    public enum Parameter: String, Sendable, Codable, CaseIterable {
        case learningRate = "lr", w0, batchSize = "batch"
    }

    public var parameter: Parameter
    public var values: [Double]
    public var w0: Double
    public var d1: Int
    public var d2: Int
    public var learningRate: Double
    public var batchSize: Int
    public var momentum: Double
    public var steps: Int
    public var trajectories: Int
    /// Dataset size; nil: n = steps·B (one epoch); 0: online fresh samples.
    public var samples: Int?
    public var seed: UInt64

    public init(parameter: Parameter, values: [Double], w0: Double, d1: Int = 1, d2: Int = 2, learningRate: Double,
                batchSize: Int, momentum: Double = 0, steps: Int, trajectories: Int, samples: Int? = nil, seed: UInt64) {
        self.parameter = parameter; self.values = values; self.w0 = w0; self.d1 = d1; self.d2 = d2
        self.learningRate = learningRate; self.batchSize = batchSize; self.momentum = momentum
        self.steps = steps; self.trajectories = trajectories; self.samples = samples; self.seed = seed
    }

    /// `(w+w0)^d1*(w-w0)^d2` as a polynomial.
    public static func model(w0: Double, d1: Int, d2: Int) throws -> Polynomial {
        try DynamicsError.require(w0 > 0 && w0.isFinite, "w0", "expected a positive number, got \(w0)")
        try DynamicsError.require(d1 >= 1 && d1 <= 12, "d1", "expected 1 to 12, got \(d1)")
        try DynamicsError.require(d2 >= 1 && d2 <= 12, "d2", "expected 1 to 12, got \(d2)")
        let w = Polynomial(variable: "w"), c = Polynomial(constant: w0)
        var p = Polynomial(constant: 1)
        for _ in 0..<d1 { p = try p * (w + c) }
        for _ in 0..<d2 { p = try p * (w - c) }
        return p
    }

    /// The ensemble for one swept value.
    public func ensemble(value v: Double) throws -> SGDEnsemble {
        let flag = "values"
        try DynamicsError.require(v.isFinite && v > 0, flag, "expected positive values, got \(v)")
        var lr = learningRate, b = batchSize, a = w0
        switch parameter {
        case .learningRate: lr = v
        case .w0: a = v
        case .batchSize:
            try DynamicsError.require(v == v.rounded(), flag, "batch sizes must be integers, got \(v)")
            b = Int(v)
        }
        let q = try Self.model(w0: a, d1: d1, d2: d2).compiled()
        let n: Int? = samples.map { $0 == 0 ? nil : $0 } ?? steps * b
        return SGDEnsemble(q: q, learningRate: lr, batchSize: b, momentum: momentum, steps: steps,
                           trajectories: trajectories, samples: n, initialLower: -a, initialUpper: a, seed: seed)
    }

    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> SGDSweepResult {
        try DynamicsError.require(!values.isEmpty, "values", "expected at least one value")
        return result(rows: try values.map { try row(value: $0, progress: progress) })
    }

    /// The row of one swept value: its ensemble (seeded by `seed`, as every value's) and escape analysis.
    /// Values are independent jobs: `result(rows:)` of the rows in value order is `run`'s result.
    public func row(value v: Double, progress: (@Sendable (Int) -> Void)? = nil) throws -> SGDSweepResult.Row {
        let e = try ensemble(value: v)
        let r = try e.run(progress: progress)
        let a = -e.initialLower
        let basins = try EscapeBasins(q: e.q, lower: -2 * a, upper: 2 * a)
        let esc = try EscapeAnalysis(r, basins: basins, histogramRange: -2 * a...2 * a, bins: 40)
        return .init(value: v, startedInRegular: esc.startedInRegular, escaped: esc.escaped,
                     escapedFraction: esc.startedInRegular > 0 ? Double(esc.escaped) / Double(esc.startedInRegular) : 0,
                     finalRegularFraction: esc.regularFraction.last ?? .nan,
                     fitRate: esc.fit?.rate, fitRateError: esc.fit?.rateError,
                     hazardRate: esc.hazard?.rate, hazardRateError: esc.hazard?.rateError,
                     diverged: esc.diverged)
    }

    /// The sweep's result from its rows (in value order).
    public func result(rows: [SGDSweepResult.Row]) -> SGDSweepResult {
        SGDSweepResult(parameter: parameter, w0: w0, d1: d1, d2: d2, learningRate: learningRate,
                       batchSize: batchSize, momentum: momentum, steps: steps, trajectories: trajectories,
                       samples: samples, seed: seed, rows: rows)
    }
}

/// The rows of an `SGDSweep` and where escape starts.
public struct SGDSweepResult: Sendable, Codable {
    public struct Row: Sendable, Codable {
        public var value: Double
        public var startedInRegular: Int
        public var escaped: Int
        public var escapedFraction: Double
        public var finalRegularFraction: Double
        public var fitRate: Double?
        public var fitRateError: Double?
        public var hazardRate: Double?
        public var hazardRateError: Double?
        public var diverged: Int
    }
    public var parameter: SGDSweep.Parameter
    public var w0: Double
    public var d1: Int
    public var d2: Int
    public var learningRate: Double
    public var batchSize: Int
    public var momentum: Double
    public var steps: Int
    public var trajectories: Int
    public var samples: Int?
    public var seed: UInt64
    public var rows: [Row]

    /// The smallest swept value at which at least `fraction` of the trajectories
    /// started in the regular basin have escaped (nil if none).
    public func onset(fraction: Double) -> Double? {
        rows.filter { $0.escapedFraction >= fraction }.map(\.value).min()
    }
}
