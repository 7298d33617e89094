import Sampling
import Foundation
import GSL
import Models
import Polynomials

/// An ensemble of independent SGD trajectories on the seeds' model
/// `y = Q(w)·x + ε`, `x, ε ~ N(0, 1)`, truth `a = 0` (seed 003), with the
/// batch loss `l_b(w) = (1/2B) Σ_{i∈b} (y_i − Q(w) x_i)²`, whose gradient is
///
///     ∇l_b(w) = ∇Q(w) · (Q(w) S_xx − S_xy) / B,   S_xx = Σ_b x², S_xy = Σ_b x y,
///
/// and the update (heavy-ball momentum μ, PyTorch's convention; μ = 0 is plain SGD)
///
///     v ← μ v + ∇l_b(w),   w ← w − η v.
///
/// **Data.** As in seed 003, a batch is drawn uniformly without replacement
/// from a dataset of n samples: here one dataset shared by all trajectories
/// (drawn from stream −1 of the seed), each trajectory reshuffling it lazily
/// per epoch through its own `MinibatchSchedule` (the samplers' scheme: a new
/// epoch starts when fewer than B unseen samples remain).
/// `samples == nil` is the online limit: every batch is B fresh samples.
///
/// Trajectory k starts uniformly in the box `initialLower...initialUpper` in
/// every coordinate (or at `start`, when given) and draws only from stream k,
/// so results do not depend on the number of threads. A trajectory whose
/// coordinates leave `|w_j| ≤ divergenceBound` (or turn non-finite) is marked
/// diverged and its later records are NaN. The hot loop allocates nothing.
///
/// **Replicates.** `replicate` r ≥ 1 is an independent repetition of the whole
/// experiment: its dataset comes from stream −1 − r and its trajectory k from
/// stream r·2³² + k (replicate 0 is streams −1 and k, as before), so errors
/// can include the dataset-to-dataset spread (`EscapeReplicates`).
public struct SGDEnsemble: Sendable {
    public var q: CompiledPolynomial
    public var learningRate: Double
    public var batchSize: Int
    public var momentum: Double = 0
    public var steps: Int
    public var trajectories: Int
    /// n, the dataset size; nil = online fresh samples every step.
    public var samples: Int?
    public var initialLower: Double
    public var initialUpper: Double
    /// Positions are recorded at t = 0, recordEvery, 2·recordEvery, …, and at the last step.
    public var recordEvery: Int = 1
    public var divergenceBound: Double = 1e6
    public var seed: UInt64
    /// The replicate index r (0: the original streams); see the type's documentation.
    public var replicate: Int = 0
    /// A common start point for every trajectory (nil: uniform in the box).
    public var start: [Double]? = nil

    public init(q: CompiledPolynomial, learningRate: Double, batchSize: Int, momentum: Double = 0, steps: Int,
                trajectories: Int, samples: Int?, initialLower: Double, initialUpper: Double,
                recordEvery: Int = 1, seed: UInt64) {
        self.q = q
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.momentum = momentum
        self.steps = steps
        self.trajectories = trajectories
        self.samples = samples
        self.initialLower = initialLower
        self.initialUpper = initialUpper
        self.recordEvery = recordEvery
        self.seed = seed
    }

    public var dimension: Int { q.dimension }

    /// The recorded times 0, r, 2r, …, steps.
    public var recordTimes: [Int] {
        var t = Array(stride(from: 0, through: steps, by: max(recordEvery, 1)))
        if t.last != steps { t.append(steps) }
        return t
    }

    public func validate() throws {
        try DynamicsError.require(q.dimension >= 1 && q.dimension <= 8, "q",
                                  "expected a polynomial in 1 to 8 variables, got \(q.dimension)")
        try DynamicsError.require(learningRate > 0 && learningRate.isFinite, "lr",
                                  "expected a positive learning rate, got \(learningRate)")
        try DynamicsError.require(batchSize >= 1, "batch", "expected a batch size ≥ 1, got \(batchSize)")
        try DynamicsError.require(momentum >= 0 && momentum < 1, "momentum", "expected 0 ≤ μ < 1, got \(momentum)")
        try DynamicsError.require(steps >= 1, "steps", "need at least 1 step, got \(steps)")
        try DynamicsError.require(trajectories >= 1, "trajectories", "need at least 1 trajectory, got \(trajectories)")
        if let n = samples {
            try DynamicsError.require(n >= batchSize, "samples",
                                      "the dataset needs at least one batch (n ≥ B = \(batchSize)), got \(n)")
        }
        try DynamicsError.require(initialLower.isFinite && initialUpper.isFinite && initialLower <= initialUpper,
                                  "init", "expected LOW,HIGH with LOW ≤ HIGH, got \(initialLower),\(initialUpper)")
        try DynamicsError.require(recordEvery >= 1, "recordEvery", "expected ≥ 1, got \(recordEvery)")
        try DynamicsError.require(replicate >= 0, "replicates", "expected a replicate index ≥ 0, got \(replicate)")
        if let start {
            try DynamicsError.require(start.count == q.dimension && start.allSatisfy(\.isFinite), "start",
                                      "expected \(q.dimension) finite coordinates, got \(start)")
        }
        let records = Double(trajectories) * Double(recordTimes.count) * Double(q.dimension)
        try DynamicsError.require(records <= 2e8, "recordEvery",
                                  "would store \(Int(records)) coordinates; record less often")
    }

    /// The random stream of trajectory k in this replicate.
    public func stream(ofTrajectory k: Int) -> Int { replicate == 0 ? k : (replicate << 32) + k }

    /// The shared dataset (x, y) of `samples` points, from stream −1 − replicate of the seed.
    public func dataset() -> (x: [Double], y: [Double])? {
        guard let n = samples else { return nil }
        let rng = RandomStream(seed: seed, stream: -1 - replicate)
        var x = [Double](repeating: 0, count: n), y = x
        for i in 0..<n {
            x[i] = rng.gaussian()
            y[i] = rng.gaussian()  // y = a·x + ε with a = 0
        }
        return (x, y)
    }

    /// Runs every trajectory (in parallel); `progress` receives steps done.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> SGDEnsembleResult {
        try validate()
        let data = dataset()
        let times = recordTimes
        let me = self
        let chunk = max(1, min(256, trajectories / 64))
        let chunks = (trajectories + chunk - 1) / chunk
        let pieces = Parallel.map(chunks) { c -> [SGDTrajectoryRecord] in
            let lo = c * chunk, hi = min(lo + chunk, me.trajectories)
            var out: [SGDTrajectoryRecord] = []
            out.reserveCapacity(hi - lo)
            for k in lo..<hi {
                out.append(me.trajectory(k, data: data, times: times))
            }
            progress?((hi - lo) * me.steps)
            return out
        }
        let records = pieces.flatMap { $0 }
        return SGDEnsembleResult(settings: self, times: times, records: records)
    }

    /// One trajectory: its recorded path (times × d, row-major) and divergence step.
    func trajectory(_ k: Int, data: (x: [Double], y: [Double])?, times: [Int]) -> SGDTrajectoryRecord {
        let rng = RandomStream(seed: seed, stream: stream(ofTrajectory: k))
        let d = q.dimension, B = batchSize, eta = learningRate, mu = momentum
        var path = [Double](repeating: .nan, count: times.count * d)
        var w = [Double](repeating: 0, count: d)
        if let start { w = start } else {
            for j in 0..<d { w[j] = initialLower + (initialUpper - initialLower) * rng.uniform() }
        }
        var velocity = [Double](repeating: 0, count: d)
        var gradient = [Double](repeating: 0, count: d)
        let schedule = data.flatMap { try? MinibatchSchedule(count: $0.x.count, batchSize: B) }
        var divergedAt: Int? = nil
        let bound = divergenceBound
        let q = self.q
        let invB = 1 / Double(B)
        let xs = data?.x ?? [], ys = data?.y ?? []
        w.withUnsafeMutableBufferPointer { wp in
        velocity.withUnsafeMutableBufferPointer { vp in
        gradient.withUnsafeMutableBufferPointer { gp in
        path.withUnsafeMutableBufferPointer { pp in
        xs.withUnsafeBufferPointer { xb in
        ys.withUnsafeBufferPointer { yb in
            for j in 0..<d { pp[j] = wp[j] }
            var nextRecord = 1
            for t in 1...steps {
                var sxx = 0.0, sxy = 0.0
                if let schedule {
                    for idx in schedule.next(rng: rng) {
                        let xi = xb[idx]
                        sxx += xi * xi
                        sxy += xi * yb[idx]
                    }
                } else {
                    for _ in 0..<B {
                        let xi = rng.gaussian()
                        let yi = rng.gaussian()
                        sxx += xi * xi
                        sxy += xi * yi
                    }
                }
                let qw = q.valueAndGradient(at: UnsafeBufferPointer(wp), gradient: gp)
                let factor = (qw * sxx - sxy) * invB
                var ok = true
                for j in 0..<d {
                    vp[j] = mu * vp[j] + gp[j] * factor
                    wp[j] -= eta * vp[j]
                    if !(abs(wp[j]) <= bound) { ok = false }
                }
                if nextRecord < times.count && times[nextRecord] == t {
                    if ok { for j in 0..<d { pp[nextRecord * d + j] = wp[j] } }
                    nextRecord += 1
                }
                if !ok { divergedAt = t; break }
            }
        }}}}}}
        return SGDTrajectoryRecord(path: path, divergedAt: divergedAt)
    }
}

/// One trajectory's recorded positions (times × d, row-major; NaN after divergence).
struct SGDTrajectoryRecord: Sendable {
    var path: [Double]
    var divergedAt: Int?
}
