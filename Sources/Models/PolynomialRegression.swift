import Foundation
import GSL
import Polynomials

/// The seeds' model y = Q(w)·x + ε, ε ~ N(0, σ²), with the truth y = a·x + ε.
///
///     L_n(w) = (1/n) Σ (y_i − Q(w) x_i)²/(2σ²) + ½ log(2πσ²)
///            = (S_yy − 2Q S_xy + Q² S_xx)/(2nσ²) + ½ log(2πσ²)
///
/// so the full-data loss and gradient cost O(1) in n through the sufficient
/// statistics S_xx = Σx², S_xy = Σxy, S_yy = Σy². The population loss is
/// K(w) = E[x²] (Q(w) − a)²/(2σ²); its learning coefficient is that of Q², not Q.
public struct PolynomialRegression: Model {
    public typealias Workspace = Void
    public let q: CompiledPolynomial
    public let x: [Double]
    public let y: [Double]
    public let sigma: Double
    /// a, the true slope.
    public let truth: Double
    /// E[x²] of the input distribution (1 for N(0, 1), 1/3 for U(−1, 1)).
    public let inputSecondMoment: Double
    @usableFromInline let sxx: Double
    @usableFromInline let sxy: Double
    @usableFromInline let syy: Double
    @usableFromInline let constant: Double

    public init(q: Polynomial, x: [Double], y: [Double], sigma: Double = 1, truth: Double = 0,
                inputSecondMoment: Double = 1, variables: [String]? = nil) {
        precondition(x.count == y.count && !x.isEmpty, "x and y must have the same non-zero length")
        self.q = q.compiled(variables: variables)
        self.x = x
        self.y = y
        self.sigma = sigma
        self.truth = truth
        self.inputSecondMoment = inputSecondMoment
        var a = 0.0, b = 0.0, c = 0.0
        for i in x.indices { a += x[i] * x[i]; b += x[i] * y[i]; c += y[i] * y[i] }
        sxx = a; sxy = b; syy = c
        constant = 0.5 * log(2 * Double.pi * sigma * sigma)
    }

    /// n samples with x ~ N(0, 1) and y = a·x + ε, ε ~ N(0, σ²), from stream 0 of `seed`.
    public static func synthetic(q: Polynomial, sampleCount n: Int, truth a: Double = 0, sigma: Double = 1,
                                 seed: UInt64, variables: [String]? = nil) -> PolynomialRegression {
        let rng = RandomStream(seed: seed)
        var x = [Double](repeating: 0, count: n), y = x
        for i in 0..<n {
            x[i] = rng.gaussian()
            y[i] = a * x[i] + sigma * rng.gaussian()
        }
        return PolynomialRegression(q: q, x: x, y: y, sigma: sigma, truth: a, variables: variables)
    }

    public var dimension: Int { q.dimension }
    public var parameterNames: [String] { q.variables }
    public var sampleCount: Int { x.count }

    public func makeWorkspace(maxBatchSize: Int) {}

    @inlinable
    public func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout Void) -> Double {
        let qw = q.value(at: w)
        return (syy - 2 * qw * sxy + qw * qw * sxx) / (2 * Double(x.count) * sigma * sigma) + constant
    }

    @inlinable
    public func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Void) -> Double {
        let qw = q.valueAndGradient(at: w, gradient: gradient)
        let s2n = sigma * sigma * Double(x.count)
        let dLdQ = (qw * sxx - sxy) / s2n
        for j in 0..<gradient.count { gradient[j] *= dLdQ }
        return (syy - 2 * qw * sxy + qw * qw * sxx) / (2 * s2n) + constant
    }

    /// −(1/B) Σ_{i∈batch} log p(y_i | x_i, w) and its gradient.
    @inlinable
    public func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>, gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Void) -> Double {
        var bxx = 0.0, bxy = 0.0, byy = 0.0
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                for i in batch {
                    let xi = xs[i], yi = ys[i]
                    bxx += xi * xi; bxy += xi * yi; byy += yi * yi
                }
            }
        }
        let qw = q.valueAndGradient(at: w, gradient: gradient)
        let s2b = sigma * sigma * Double(batch.count)
        let dLdQ = (qw * bxx - bxy) / s2b
        for j in 0..<gradient.count { gradient[j] *= dLdQ }
        return (byy - 2 * qw * bxy + qw * qw * bxx) / (2 * s2b) + constant
    }

    public func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>, workspace: inout Void) {
        let qw = q.value(at: w)
        for i in x.indices {
            let r = y[i] - qw * x[i]
            output[i] = -r * r / (2 * sigma * sigma) - constant
        }
    }

    public func populationLoss(_ w: [Double]) -> Double? {
        let d = q.value(w) - truth
        return inputSecondMoment * d * d / (2 * sigma * sigma)
    }
}
