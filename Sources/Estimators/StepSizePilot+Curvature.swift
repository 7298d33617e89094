import Foundation
import GSL
import Models
import Sampling

extension StepSizePilot {
    /// The largest curvature of the localised potential at w*, which bounds
    /// the SGLD step: λmax(∇²U) = nβ·λmax(∇²L_n) + γ + 1/σ² (normal prior;
    /// the localization and the prior add multiples of the identity, so they
    /// add exactly).
    ///
    /// λmax(∇²L_n) is the largest |eigenvalue|, from power iteration on
    /// Hessian–vector products by central differences of the gradient,
    /// H·v ≈ (∇L(w* + hv) − ∇L(w* − hv)) / 2h, on all n samples or, above
    /// `sampleCap`, on a fixed random subset of that many (drawn from its own
    /// stream, so the chains' steps do not depend on it).
    public struct Curvature: Sendable, Codable, Equatable {
        /// λmax(∇²L_n) at w*.
        public var loss: Double
        /// λmax(∇²U) = nβ·`loss` + γ + prior precision.
        public var potential: Double
        /// Power iterations run.
        public var iterations: Int
        /// Samples the gradients averaged over (n, or the subset).
        public var samples: Int
        /// Per-sample gradient evaluations spent (two gradients per iteration).
        public var gradients: Int

        public init(loss: Double, potential: Double, iterations: Int, samples: Int, gradients: Int) {
            self.loss = loss
            self.potential = potential
            self.iterations = iterations
            self.samples = samples
            self.gradients = gradients
        }

        enum CodingKeys: String, CodingKey {
            case loss = "loss_curvature", potential = "potential_curvature", iterations, samples, gradients
        }
    }

    /// c in the ladder's top rung ε ≤ c/λmax(∇²U). On the quadratic
    /// approximation U ≈ ½λx², the SGLD step x ← (1 − ελ/2)x + √ε ξ is stable
    /// for ελ < 4, and its stationary variance ε/(a(2 − a)), a = ελ/2, is the
    /// exact 1/λ times 1/(1 − ελ/4): at ελ = 2 already twice the posterior's
    /// spread along the stiffest direction. Rungs above c = 2 diverge or are
    /// refused by the MALA probe, and walking them costs steps and moves the
    /// next rung's start; so the ladder starts at the first rung at or below it.
    public static let curvatureFactor = 2.0

    /// Above this many samples the curvature is measured on a random subset.
    public static let curvatureSampleCap = 4096

    /// Power iterations: at most this many, stopping once ‖Hv‖ changes by under 1%
    /// (the ladder's rungs are a factor √10 apart, so 1% is plenty).
    public static let curvatureIterations = 30

    /// λmax(∇²U) of `posterior` at its centre (`Curvature`). Deterministic in `seed`.
    public static func curvature<M: Model>(posterior: Posterior<M>, seed: UInt64,
                                           maxIterations: Int = curvatureIterations) -> Curvature {
        let model = posterior.model
        let d = posterior.dimension
        let n = model.sampleCount
        let rng = RandomStream(seed: seed ^ 0xC0_4E_A7_0E_5E_ED_5E_ED, stream: 0)
        // A fixed subset of the data above the cap (sorted for memory order).
        var subset: [Int]?
        if model.hasPerSampleData, n > curvatureSampleCap, let schedule = try? MinibatchSchedule(count: n, batchSize: curvatureSampleCap) {
            var indices = [Int](repeating: 0, count: curvatureSampleCap)
            _ = indices.withUnsafeMutableBufferPointer { schedule.next(into: $0, rng: rng) }
            subset = indices.sorted()
        }
        let samples = subset?.count ?? n
        var workspace = model.makeWorkspace(maxBatchSize: max(samples, 1))
        let center = posterior.center
        let scale = (center.reduce(0) { $0 + $1 * $1 } / Double(max(d, 1))).squareRoot()
        let h = 1e-5 * max(1, scale)
        var v = (0..<d).map { _ in rng.gaussian() }
        normalize(&v)
        var plus = [Double](repeating: 0, count: d), minus = plus, gPlus = plus, gMinus = plus
        func gradient(at w: [Double], into g: inout [Double]) {
            w.withUnsafeBufferPointer { wb in
                g.withUnsafeMutableBufferPointer { gb in
                    if let subset {
                        subset.withUnsafeBufferPointer { batch in
                            _ = model.batchLossAndGradient(wb, batch: batch, gradient: gb, workspace: &workspace)
                        }
                    } else {
                        _ = model.lossAndGradient(wb, gradient: gb, workspace: &workspace)
                    }
                }
            }
        }
        var norm = 0.0, iterations = 0
        while iterations < maxIterations {
            iterations += 1
            for i in 0..<d {
                plus[i] = center[i] + h * v[i]
                minus[i] = center[i] - h * v[i]
            }
            gradient(at: plus, into: &gPlus)
            gradient(at: minus, into: &gMinus)
            var hv = (0..<d).map { (gPlus[$0] - gMinus[$0]) / (2 * h) }
            let previous = norm
            norm = normalize(&hv)
            guard norm.isFinite, norm > 0 else { norm = norm.isFinite ? 0 : norm; break }
            v = hv
            if iterations >= 3, abs(norm - previous) <= 0.01 * norm { break }
        }
        let precision: Double
        switch posterior.prior {
        case let .normal(sigma): precision = 1 / (sigma * sigma)
        case .flat, .uniform: precision = 0
        }
        return Curvature(loss: norm, potential: posterior.nbeta * norm + posterior.localization + precision,
                         iterations: iterations, samples: samples, gradients: 2 * iterations * samples)
    }

    /// Scales `v` to unit length; returns its former length.
    @discardableResult
    static func normalize(_ v: inout [Double]) -> Double {
        let length = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if length > 0, length.isFinite { for i in v.indices { v[i] /= length } }
        return length
    }

    /// The ladder of `ladder(nbeta:)` below the curvature bound: the rungs
    /// ε_k = 10^(1 − k/2)/nβ from the first at or below
    /// `curvatureFactor`/λmax(∇²U), `rungs` of them. Where the bound is above
    /// 10/nβ (flat or singular directions only, as for (w1w2)² at 0) this is
    /// `ladder(nbeta:rungs:)` itself.
    public static func ladder(nbeta: Double, curvature: Double, rungs: Int = 8) -> [Double] {
        let bound = curvature > 0 && curvature.isFinite ? curvatureFactor / curvature : .infinity
        var first = 0
        // 1e-9: a bound that equals a rung up to rounding keeps the rung.
        while first < 200, pow(10, 1 - Double(first) / 2) / nbeta > bound * (1 + 1e-9) { first += 1 }
        return (first..<(first + rungs)).map { pow(10, 1 - Double($0) / 2) / nbeta }
    }
}
