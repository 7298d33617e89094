import Foundation
import GSL
import Polynomials
import Sampling

/// SGD against Langevin dynamics along a valley of minima (seed 004: "SGD
/// performs a random walk across the optimal manifold and spends more time
/// in the flat regions"). The model is `y = Q(w)·x + ε` with a manifold of
/// zeros of Q, e.g. `Q = w1·(1 + w2²)`: the valley w1 = 0, flat at w2 = 0 and
/// sharper as |w2| grows (curvature (1 + w2²)² across it).
///
/// - SGD: `SGDEnsemble` on fresh samples every step (online), every
///   trajectory starting at `start` (on the valley). Its noise is
///   (1/B)(v_y + 2Q²) ∇Q∇Qᵀ: on the valley it points across it only.
/// - Langevin: Euler–Maruyama on the population loss U = Q²/2,
///   `w ← w − η Q∇Q + √(2ηT) ξ`, ξ ~ N(0, I) (isotropic), from the same start,
///   trajectory k on stream 2³¹ + k. By default T = η|∇Q(start)|²/(2B), which
///   gives the two the same noise variance across the valley at the start
///   (η²·|∇Q|²/B per step), so they differ only in the noise's direction.
///
/// Reported per record time, for both: mean and standard deviation of each
/// coordinate and mean |w_j| over the trajectories.
public struct ValleyDiffusion: Sendable {
    public var q: CompiledPolynomial
    public var start: [Double]
    public var learningRate: Double
    public var batchSize: Int
    public var steps: Int
    public var trajectories: Int
    public var temperature: Double?
    public var recordEvery: Int
    public var seed: UInt64

    public init(q: CompiledPolynomial, start: [Double], learningRate: Double, batchSize: Int, steps: Int,
                trajectories: Int, temperature: Double? = nil, recordEvery: Int? = nil, seed: UInt64) {
        self.q = q; self.start = start; self.learningRate = learningRate; self.batchSize = batchSize
        self.steps = steps; self.trajectories = trajectories; self.temperature = temperature
        self.recordEvery = recordEvery ?? max(1, steps / 20); self.seed = seed
    }

    /// The temperature that matches SGD's noise across the valley at the start: η|∇Q|²/(2B).
    public var matchedTemperature: Double {
        let (_, g) = q.valueAndGradient(start)
        return learningRate * g.reduce(0) { $0 + $1 * $1 } / (2 * Double(batchSize))
    }

    public struct Moments: Sendable, Codable {
        public var times: [Int]
        /// mean[j][r], sd[j][r], meanAbs[j][r]: coordinate j at record r.
        public var mean: [[Double]]
        public var standardDeviation: [[Double]]
        public var meanAbs: [[Double]]
        public var diverged: Int
    }

    public struct Result: Sendable, Codable {
        public var temperature: Double
        public var sgd: Moments
        public var langevin: Moments
    }

    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> Result {
        let T = temperature ?? matchedTemperature
        try DynamicsError.require(T > 0 && T.isFinite, "temperature",
                                  "expected a positive temperature (∇Q = 0 at the start gives 0; pass one), got \(T)")
        var ensemble = SGDEnsemble(q: q, learningRate: learningRate, batchSize: batchSize, steps: steps,
                                   trajectories: trajectories, samples: nil, initialLower: 0, initialUpper: 0,
                                   recordEvery: recordEvery, seed: seed)
        ensemble.start = start
        let sgd = try ensemble.run(progress: progress)
        let times = sgd.times
        let d = q.dimension
        let sgdMoments = Self.moments(times: times, dimension: d, trajectories: trajectories,
                                      diverged: sgd.divergedCount) { k, r, j in sgd.coordinate(trajectory: k, record: r, j) }
        // Langevin.
        let me = self
        let paths = Parallel.map(trajectories) { k -> [Double] in
            let p = me.langevin(k, temperature: T, times: times)
            progress?(me.steps)
            return p
        }
        let lang = Self.moments(times: times, dimension: d, trajectories: trajectories,
                                diverged: paths.filter { path in path.contains { !$0.isFinite } }.count) { k, r, j in paths[k][r * d + j] }
        return Result(temperature: T, sgd: sgdMoments, langevin: lang)
    }

    func langevin(_ k: Int, temperature T: Double, times: [Int]) -> [Double] {
        let d = q.dimension, eta = learningRate
        let rng = RandomStream(seed: seed, stream: (1 << 31) + k)
        var w = start, g = [Double](repeating: 0, count: d)
        var path = [Double](repeating: .nan, count: times.count * d)
        for j in 0..<d { path[j] = w[j] }
        let noise = (2 * eta * T).squareRoot()
        var next = 1
        w.withUnsafeMutableBufferPointer { wp in
            g.withUnsafeMutableBufferPointer { gp in
                for t in 1...steps {
                    let v = q.valueAndGradient(at: UnsafeBufferPointer(wp), gradient: gp)
                    var ok = true
                    for j in 0..<d {
                        wp[j] -= eta * v * gp[j] - noise * rng.gaussian()
                        if !(abs(wp[j]) <= 1e6) { ok = false }
                    }
                    if !ok { return }
                    if next < times.count && times[next] == t {
                        for j in 0..<d { path[next * d + j] = wp[j] }
                        next += 1
                    }
                }
            }
        }
        return path
    }

    static func moments(times: [Int], dimension d: Int, trajectories K: Int, diverged: Int,
                        _ value: (Int, Int, Int) -> Double) -> Moments {
        var mean = [[Double]](repeating: [], count: d), sd = mean, abs_ = mean
        for j in 0..<d {
            for r in times.indices {
                var s = 0.0, s2 = 0.0, a = 0.0, n = 0.0
                for k in 0..<K {
                    let v = value(k, r, j)
                    guard v.isFinite else { continue }
                    s += v; s2 += v * v; a += abs(v); n += 1
                }
                let m = s / max(n, 1)
                mean[j].append(m)
                sd[j].append(n > 1 ? max((s2 - n * m * m) / (n - 1), 0).squareRoot() : .nan)
                abs_[j].append(a / max(n, 1))
            }
        }
        return Moments(times: times, mean: mean, standardDeviation: sd, meanAbs: abs_, diverged: diverged)
    }
}
