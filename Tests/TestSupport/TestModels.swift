import Models

/// A data-free test potential L(w) = Σ_i c_i w_i^power, so the tempered, localised posterior is a
/// product of one-dimensional densities whose moments are known.
public struct SeparablePower: Model {
    public init(coefficients: [Double], power: Int, sampleCount: Int) {
        self.coefficients = coefficients
        self.power = power
        self.sampleCount = sampleCount
    }
    public typealias Workspace = Void
    public var coefficients: [Double]
    public var power: Int
    public var sampleCount: Int
    public var dimension: Int { coefficients.count }
    public var parameterNames: [String] { (1...dimension).map { "w\($0)" } }

    public func makeWorkspace(maxBatchSize: Int) {}

    public func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout Void) -> Double {
        var s = 0.0
        for i in 0..<dimension { s += coefficients[i] * pow(w[i], power) }
        return s
    }

    public func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Void) -> Double {
        var s = 0.0
        for i in 0..<dimension {
            s += coefficients[i] * pow(w[i], power)
            gradient[i] = coefficients[i] * Double(power) * pow(w[i], power - 1)
        }
        return s
    }

    public func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>, gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Void) -> Double {
        lossAndGradient(w, gradient: gradient, workspace: &workspace)
    }

    public func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>, workspace: inout Void) {
        output[0] = -loss(w, workspace: &workspace)
    }

    public func populationLoss(_ w: [Double]) -> Double? {
        w.withUnsafeBufferPointer { b in var v: Void = (); return loss(b, workspace: &v) }
    }

    private func pow(_ x: Double, _ k: Int) -> Double {
        var r = 1.0
        for _ in 0..<k { r *= x }
        return r
    }
}

/// Linear regression y = w·x + ε with n samples of x ~ N(0, 1) given
/// explicitly, for testing minibatch gradients: L_n(w) = (1/2n) Σ (y_i − w x_i)².
public struct TinyRegression: Model {
    public init(x: [Double], y: [Double]) {
        self.x = x
        self.y = y
    }
    public typealias Workspace = Void
    public var x: [Double]
    public var y: [Double]
    public var dimension: Int { 1 }
    public var parameterNames: [String] { ["w"] }
    public var sampleCount: Int { x.count }
    public func makeWorkspace(maxBatchSize: Int) {}

    public func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout Void) -> Double {
        var s = 0.0
        for i in x.indices { let r = y[i] - w[0] * x[i]; s += r * r }
        return s / Double(2 * x.count)
    }
    public func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Void) -> Double {
        var s = 0.0, g = 0.0
        for i in x.indices { let r = y[i] - w[0] * x[i]; s += r * r; g -= r * x[i] }
        gradient[0] = g / Double(x.count)
        return s / Double(2 * x.count)
    }
    public func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>, gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Void) -> Double {
        var s = 0.0, g = 0.0
        for i in batch { let r = y[i] - w[0] * x[i]; s += r * r; g -= r * x[i] }
        gradient[0] = g / Double(batch.count)
        return s / Double(2 * batch.count)
    }
    public func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>, workspace: inout Void) {
        for i in x.indices { let r = y[i] - w[0] * x[i]; output[i] = -r * r / 2 }
    }
    public func populationLoss(_ w: [Double]) -> Double? { w[0] * w[0] / 2 }
}
