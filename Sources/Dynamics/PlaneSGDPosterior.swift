import Foundation
import GSL
import Polynomials

/// Where an SGD ensemble ends against where the Bayesian posterior puts its
/// mass, for a 2-D model y = Q(w1, w2)·x + ε as n grows (seed 003, Figs. 2
/// and 5): the mass within `radius` of the origin O (the most degenerate
/// point) and the mean |w1| (distance to the line L: w1 = 0) and |w2|
/// (position along L).
///
/// For each n: an `SGDEnsemble` of `trajectories` started uniformly in the
/// box, one epoch (n/B steps) over its own dataset of n samples; and the
/// posterior on that same dataset,
///
///     p(w | D_n) ∝ exp(−(Q² S_xx − 2 Q S_xy)/2)   on the box (flat prior),
///
/// shifted by its minimum −S_xy²/(2 S_xx). The posterior integrals are GSL
/// iterated QAGS: over the box in quadrants (split at w1 = 0 and w2 = 0, where
/// the mass concentrates) and over the disc |w| < radius in polar coordinates
/// (split at θ = ±π/2, the line L).
public struct PlaneSGDPosterior: Sendable {
    public var q: CompiledPolynomial
    public var sampleSizes: [Int]
    public var learningRate: Double
    public var batchSize: Int
    public var trajectories: Int
    public var lower: Double
    public var upper: Double
    public var radius: Double
    public var seed: UInt64

    public init(q: CompiledPolynomial, sampleSizes: [Int], learningRate: Double, batchSize: Int, trajectories: Int,
                lower: Double = -1, upper: Double = 1, radius: Double = 0.2, seed: UInt64) {
        self.q = q; self.sampleSizes = sampleSizes; self.learningRate = learningRate; self.batchSize = batchSize
        self.trajectories = trajectories; self.lower = lower; self.upper = upper; self.radius = radius; self.seed = seed
    }

    /// One sample size: the posterior's and the SGD ensemble's numbers.
    public struct Row: Sendable, Codable {
        public var n: Int
        public var steps: Int
        public var posteriorNearOrigin: Double
        public var posteriorMeanAbs: [Double]
        public var sgdNearOrigin: Double
        /// Binomial standard error √(f(1 − f)/N) of `sgdNearOrigin`.
        public var sgdNearOriginError: Double
        public var sgdMeanAbs: [Double]
        public var diverged: Int
        /// Quadrature error estimate of the normalised masses.
        public var quadratureError: Double
    }

    public func validate() throws {
        try DynamicsError.require(q.dimension == 2, "q", "expected a polynomial in two variables, got \(q.dimension)")
        try DynamicsError.require(!sampleSizes.isEmpty, "n", "expected at least one sample size")
        for n in sampleSizes {
            try DynamicsError.require(n >= batchSize && n <= 100_000_000, "n",
                                      "expected sample sizes from B = \(batchSize) to 10⁸, got \(n)")
        }
        try DynamicsError.require(lower < 0 && upper > 0 && lower.isFinite && upper.isFinite, "init",
                                  "expected a box LOW,HIGH around 0, got \(lower),\(upper)")
        try DynamicsError.require(radius > 0 && radius <= min(-lower, upper), "radius",
                                  "expected 0 < radius ≤ \(min(-lower, upper)) (the disc must fit in the box), got \(radius)")
    }

    /// The ensemble for sample size n: one epoch of its own dataset.
    public func ensemble(n: Int) -> SGDEnsemble {
        let steps = max(n / batchSize, 1)
        return SGDEnsemble(q: q, learningRate: learningRate, batchSize: batchSize, steps: steps,
                           trajectories: trajectories, samples: n, initialLower: lower, initialUpper: upper,
                           recordEvery: steps, seed: seed)
    }

    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> [Row] {
        try validate()
        var rows: [Row] = []
        for n in sampleSizes {
            let e = ensemble(n: n)
            let result = try e.run(progress: progress)
            let R = result.times.count
            var near = 0, alive = 0
            var sums = [0.0, 0.0]
            for k in 0..<result.trajectoryCount {
                let w1 = result.coordinate(trajectory: k, record: R - 1, 0)
                let w2 = result.coordinate(trajectory: k, record: R - 1, 1)
                guard w1.isFinite && w2.isFinite else { continue }
                alive += 1
                if w1 * w1 + w2 * w2 < radius * radius { near += 1 }
                sums[0] += abs(w1); sums[1] += abs(w2)
            }
            let f = Double(near) / Double(max(alive, 1))
            let data = e.dataset()!
            var sxx = 0.0, sxy = 0.0
            for i in data.x.indices { sxx += data.x[i] * data.x[i]; sxy += data.x[i] * data.y[i] }
            let p = try posterior(sxx: sxx, sxy: sxy)
            rows.append(Row(n: n, steps: e.steps, posteriorNearOrigin: p.nearOrigin, posteriorMeanAbs: p.meanAbs,
                            sgdNearOrigin: f, sgdNearOriginError: (f * (1 - f) / Double(max(alive, 1))).squareRoot(),
                            sgdMeanAbs: sums.map { $0 / Double(max(alive, 1)) }, diverged: result.trajectoryCount - alive,
                            quadratureError: p.error))
        }
        return rows
    }

    /// The posterior's mass within `radius` of O and its mean |w1|, |w2|, for a
    /// dataset with sums S_xx, S_xy (flat prior on the box).
    public func posterior(sxx: Double, sxy: Double) throws -> (nearOrigin: Double, meanAbs: [Double], error: Double) {
        let q = self.q
        let floor = -sxy * sxy / (2 * sxx)
        let density: (Double, Double) -> Double = { w1, w2 in
            let v = q.value([w1, w2])
            return exp(-((v * v * sxx - 2 * v * sxy) / 2 - floor))
        }
        let tol = 1e-7
        var z = 0.0, m1 = 0.0, m2 = 0.0, err = 0.0
        for (a1, b1) in [(lower, 0.0), (0.0, upper)] {
            for (a2, b2) in [(lower, 0.0), (0.0, upper)] {
                // x = w2 outside, y = w1 inside.
                let r0 = try Integration.iterated2D({ w2, w1 in density(w1, w2) }, x: a2...b2, y: a1...b1, relativeTolerance: tol)
                let r1 = try Integration.iterated2D({ w2, w1 in abs(w1) * density(w1, w2) }, x: a2...b2, y: a1...b1, relativeTolerance: tol)
                let r2 = try Integration.iterated2D({ w2, w1 in abs(w2) * density(w1, w2) }, x: a2...b2, y: a1...b1, relativeTolerance: tol)
                z += r0.value; m1 += r1.value; m2 += r2.value; err += r0.error
            }
        }
        var disc = 0.0
        let half = Double.pi / 2
        for (a, b) in [(-half, half), (half, 3 * half)] {
            // x = r outside, y = θ inside; the Jacobian r.
            let r = try Integration.iterated2D({ rad, th in rad * density(rad * cos(th), rad * sin(th)) },
                                               x: 0...radius, y: a...b, relativeTolerance: tol)
            disc += r.value; err += r.error
        }
        try DynamicsError.require(z > 0 && z.isFinite, "n", "posterior normalisation failed (Z = \(z))")
        return (disc / z, [m1 / z, m2 / z], err / z)
    }
}
