/// Stochastic gradient descent with heavy-ball momentum μ in PyTorch's
/// convention (`torch.optim.SGD`, dampening 0): v ← μ v + g, w ← w − η v;
/// μ = 0 is plain SGD, w ← w − η g. Owns its velocity; a step allocates nothing.
public struct SGDOptimizer: Sendable {
    /// η.
    public var learningRate: Double
    /// μ ∈ [0, 1).
    public var momentum: Double
    @usableFromInline var velocity: [Double]

    public init(dimension: Int, learningRate: Double, momentum: Double = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        velocity = [Double](repeating: 0, count: dimension)
    }

    /// One update of `w` with the gradient `g` (same length).
    @inlinable
    public mutating func step(_ w: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeBufferPointer<Double>) {
        let eta = learningRate, mu = momentum
        if mu == 0 {
            for i in 0..<w.count { w[i] -= eta * g[i] }
            return
        }
        velocity.withUnsafeMutableBufferPointer { v in
            for i in 0..<w.count {
                v[i] = mu * v[i] + g[i]
                w[i] -= eta * v[i]
            }
        }
    }
}
