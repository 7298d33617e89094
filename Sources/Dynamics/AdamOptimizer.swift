import Foundation

/// Adam (Kingma & Ba 2015, Algorithm 1) with bias correction, in the form
/// `torch.optim.Adam` computes it (no weight decay, not AMSGrad): at step t,
///
///     m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,
///     w ← w − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
///
/// Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8. A step allocates nothing.
public struct AdamOptimizer: Sendable {
    /// η.
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    /// t, the number of steps taken.
    public private(set) var stepCount = 0
    @usableFromInline var m: [Double]
    @usableFromInline var v: [Double]

    public init(dimension: Int, learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        m = [Double](repeating: 0, count: dimension)
        v = [Double](repeating: 0, count: dimension)
    }

    /// One update of `w` with the gradient `g` (same length).
    public mutating func step(_ w: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeBufferPointer<Double>) {
        stepCount += 1
        let b1 = beta1, b2 = beta2, eps = epsilon
        let t = Double(stepCount)
        let stepSize = learningRate / (1 - pow(b1, t))
        let rootCorrection = (1 - pow(b2, t)).squareRoot()
        m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                for i in 0..<w.count {
                    m[i] = b1 * m[i] + (1 - b1) * g[i]
                    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                    w[i] -= stepSize * m[i] / (v[i].squareRoot() / rootCorrection + eps)
                }
            }
        }
    }
}
