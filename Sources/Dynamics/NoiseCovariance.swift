import Sampling
import Foundation
import GSL
import Polynomials

/// The covariance of the minibatch gradient of `l_b(w) = (1/2B) Σ_b (y − Q(w)x)²`
/// with `x ~ N(0, v_x)`, `y = ε ~ N(0, v_y)` (truth a = 0), measured from many
/// independent batches and set beside
///
///     Σ(w) = (1/B) v_x (v_y + 2 v_x Q(w)²) ∇Q ∇Qᵀ          (seed 003, appendix)
///     H(w) = ∇²(v_x Q²/2) = v_x (∇Q ∇Qᵀ + Q ∇²Q)          (Hessian of the potential)
///
/// (per sample, `Var(Q x² − x y) = 2 v_x² Q² + v_x v_y`). Σ has rank 1 (every
/// minibatch gradient is a multiple of ∇Q); H has the extra term Q∇²Q, so the
/// two are proportional only where that term is negligible. In 1-D at a zero
/// of order k, `Q ≈ c(w − m)^k`: `Q'² + QQ'' = c²k(2k − 1)(w − m)^{2k−2}`, so
/// `B·Σ/H → v_y·k/(2k − 1)` (`oneDimensionalFactor`): v_y at a simple zero,
/// (2/3)·v_y at a double zero, and Σ = H = 0 at the zero itself when k ≥ 2.
///
/// The standard error of each empirical entry is `sd(d_j d_k)/√M` over the M
/// batches (d = g − ḡ); `maxZ` is the largest |Σ̂ − Σ|/se over the entries.
public struct NoiseCovariance: Sendable {
    public var q: CompiledPolynomial
    public var batchSize: Int
    public var batches: Int
    public var inputVariance: Double = 1
    public var noiseVariance: Double = 1
    public var seed: UInt64

    public init(q: CompiledPolynomial, batchSize: Int, batches: Int, inputVariance: Double = 1,
                noiseVariance: Double = 1, seed: UInt64) {
        self.q = q
        self.batchSize = batchSize
        self.batches = batches
        self.inputVariance = inputVariance
        self.noiseVariance = noiseVariance
        self.seed = seed
    }

    /// `k/(2k − 1)`: the limit of `B·Σ/(v_y·H)` at a zero of order k of a 1-D Q.
    public static func oneDimensionalFactor(order k: Int) -> Double {
        Double(k) / Double(2 * k - 1)
    }

    public func validate() throws {
        try DynamicsError.require(batchSize >= 1, "batch", "expected a batch size ≥ 1, got \(batchSize)")
        try DynamicsError.require(batches >= 10, "batches", "need at least 10 batches, got \(batches)")
        try DynamicsError.require(inputVariance > 0 && inputVariance.isFinite, "inputVariance",
                                  "expected a positive number, got \(inputVariance)")
        try DynamicsError.require(noiseVariance > 0 && noiseVariance.isFinite, "noiseVariance",
                                  "expected a positive number, got \(noiseVariance)")
    }

    /// Measures every point in parallel (point i uses stream i).
    public func measure(at points: [[Double]], progress: (@Sendable (Int) -> Void)? = nil) throws -> [NoiseCovariancePoint] {
        try validate()
        for (i, p) in points.enumerated() {
            try DynamicsError.require(p.count == q.dimension && p.allSatisfy(\.isFinite), "points",
                                      "point \(i + 1) needs \(q.dimension) finite coordinates, got \(p)")
        }
        let me = self
        return Parallel.map(points.count) { i in
            let r = me.measure(at: points[i], stream: i)
            progress?(me.batches)
            return r
        }
    }

    func measure(at w: [Double], stream: Int) -> NoiseCovariancePoint {
        let d = q.dimension, B = batchSize, M = batches
        let rng = RandomStream(seed: seed, stream: stream)
        let (qw, grad) = q.valueAndGradient(w)
        let sx = inputVariance.squareRoot(), sy = noiseVariance.squareRoot()
        var g = [Double](repeating: 0, count: M * d)
        var mean = [Double](repeating: 0, count: d)
        for m in 0..<M {
            var sxx = 0.0, sxy = 0.0
            for _ in 0..<B {
                let x = sx * rng.gaussian(), y = sy * rng.gaussian()
                sxx += x * x; sxy += x * y
            }
            let s = (qw * sxx - sxy) / Double(B)
            for j in 0..<d { g[m * d + j] = grad[j] * s; mean[j] += grad[j] * s }
        }
        for j in 0..<d { mean[j] /= Double(M) }
        var cov = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        var second = cov
        for m in 0..<M {
            for j in 0..<d {
                let dj = g[m * d + j] - mean[j]
                for k in 0..<d {
                    let p = dj * (g[m * d + k] - mean[k])
                    cov[j][k] += p; second[j][k] += p * p
                }
            }
        }
        var se = cov
        for j in 0..<d {
            for k in 0..<d {
                let c = cov[j][k] / Double(M)
                let v = max(second[j][k] / Double(M) - c * c, 0)
                cov[j][k] = cov[j][k] / Double(M - 1)
                se[j][k] = (v / Double(M)).squareRoot()
            }
        }
        let vx = inputVariance, vy = noiseVariance
        let c = vx * (vy + 2 * vx * qw * qw) / Double(B)
        let formula = (0..<d).map { j in (0..<d).map { k in c * grad[j] * grad[k] } }
        let hq = q.hessian(at: w)
        let hessian = (0..<d).map { j in (0..<d).map { k in vx * (grad[j] * grad[k] + qw * hq[j][k]) } }
        return NoiseCovariancePoint(point: w, q: qw, gradientQ: grad, empirical: cov, standardError: se,
                                    formula: formula, hessian: hessian, batchSize: B, noiseVariance: vy)
    }
}
