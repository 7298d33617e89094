import Foundation
import Polynomials

/// Escape from the regular minimum of `Q = (w + w0)^{d1} (w − w0)^{d2}` as one
/// setting varies (seed 003, Fig. 7): learning rate η, sharpness w0 or batch
/// size B. Each value runs an `SGDEnsemble` started uniformly in [−w0, w0]
/// (stream k for trajectory k, the same seed for every value) and an
/// `EscapeAnalysis` on the window [−2w0, 2w0]. With `replicates` R > 1 each
/// value also runs replicates 1..<R (fresh dataset and trajectories each,
/// `EscapeReplicates`); the row keeps replicate 0's numbers (one shared dataset)
/// and the statistics over all R.
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
    /// R: independent replicates per value (fresh dataset and trajectories each).
    public var replicates: Int

    public init(parameter: Parameter, values: [Double], w0: Double, d1: Int = 1, d2: Int = 2, learningRate: Double,
                batchSize: Int, momentum: Double = 0, steps: Int, trajectories: Int, samples: Int? = nil, seed: UInt64,
                replicates: Int = 1) {
        self.parameter = parameter; self.values = values; self.w0 = w0; self.d1 = d1; self.d2 = d2
        self.learningRate = learningRate; self.batchSize = batchSize; self.momentum = momentum
        self.steps = steps; self.trajectories = trajectories; self.samples = samples; self.seed = seed
        self.replicates = replicates
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
        try DynamicsError.require(replicates >= 1 && replicates <= 1000, "replicates",
                                  "expected 1 to 1000 replicates, got \(replicates)")
        return result(rows: try values.map { try row(value: $0, progress: progress) })
    }

    /// Replicate r of one swept value: its ensemble (seeded by `seed`, as every
    /// value's; replicate r's streams) and escape analysis on [−2w0, 2w0]. Each
    /// (value, replicate) is an independent job: `row(value:replicates:)` of
    /// replicates 0..<R in order, then `result(rows:)` in value order, is `run`'s result.
    public func replicate(_ r: Int, value v: Double, progress: (@Sendable (Int) -> Void)? = nil) throws -> EscapeReplicates.Replicate {
        let e = try ensemble(value: v)
        let a = -e.initialLower
        let basins = try EscapeBasins(q: e.q, lower: -2 * a, upper: 2 * a)
        return try EscapeReplicates.replicate(r, of: e, basins: basins, fitStart: nil, histogramRange: -2 * a...2 * a,
                                              bins: 40, markTimes: [steps], progress: progress)
    }

    /// The row of one value from its replicates 0..<R in order: replicate 0's
    /// numbers (one shared dataset) and, when R > 1, the statistics over all R.
    public func row(value v: Double, replicates reps: [EscapeReplicates.Replicate]) -> SGDSweepResult.Row {
        let first = reps[0]
        var row = SGDSweepResult.Row(value: v, startedInRegular: first.startedInRegular, escaped: first.escaped,
                                     escapedFraction: first.escapedFraction, finalRegularFraction: first.regularFraction[0],
                                     fitRate: first.fitRate, fitRateError: first.fitRateSharedDatasetError,
                                     hazardRate: first.hazardRate, hazardRateError: first.hazardRateSharedDatasetError,
                                     diverged: first.diverged)
        if reps.count > 1 {
            let all = EscapeReplicates(markTimes: [steps], replicates: reps)
            row.overReplicates = .init(escapedFraction: all.escapedFraction, finalRegularFraction: all.regularFraction[0],
                                       fitRate: all.fitRate, hazardRate: all.hazardRate)
        }
        return row
    }

    /// The row of one value, its R replicates run here one after another.
    public func row(value v: Double, progress: (@Sendable (Int) -> Void)? = nil) throws -> SGDSweepResult.Row {
        row(value: v, replicates: try (0..<replicates).map { try replicate($0, value: v, progress: progress) })
    }

    /// The sweep's result from its rows (in value order).
    public func result(rows: [SGDSweepResult.Row]) -> SGDSweepResult {
        SGDSweepResult(parameter: parameter, w0: w0, d1: d1, d2: d2, learningRate: learningRate,
                       batchSize: batchSize, momentum: momentum, steps: steps, trajectories: trajectories,
                       samples: samples, seed: seed, replicates: replicates, rows: rows)
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
        /// Over all R replicates (replicate 0 included); nil when R = 1.
        public var overReplicates: OverReplicates? = nil
    }
    /// A row's statistics over R replicates, each with a fresh dataset.
    public struct OverReplicates: Sendable, Codable {
        public var escapedFraction: ReplicateStatistic
        public var finalRegularFraction: ReplicateStatistic
        public var fitRate: ReplicateStatistic
        public var hazardRate: ReplicateStatistic
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
    public var replicates: Int
    public var rows: [Row]

    /// The smallest swept value at which at least `fraction` of the trajectories
    /// started in the regular basin have escaped (nil if none).
    public func onset(fraction: Double) -> Double? {
        rows.filter { $0.escapedFraction >= fraction }.map(\.value).min()
    }

    /// The onset in each replicate (replicate r's escaped fractions; nil where
    /// none reaches `fraction`); empty when R = 1.
    public func replicateOnsets(fraction: Double) -> [Double?] {
        guard replicates > 1, rows.allSatisfy({ $0.overReplicates != nil }) else { return [] }
        return (0..<replicates).map { r in
            rows.filter { $0.overReplicates!.escapedFraction.values[r] >= fraction }.map(\.value).min()
        }
    }
}
