import Models

/// K(w) = Σ c_i w_i^(2k) / (2k)·… as a data-free test potential:
/// L(w) = Σ_i c_i w_i^power, so the tempered, localised posterior is a
/// product of one-dimensional densities whose moments are known.
struct SeparablePower: Model {
    typealias Workspace = Void
    var coefficients: [Double]
    var power: Int
    var sampleCount: Int
    var dimension: Int { coefficients.count }
    var parameterNames: [String] { (1...dimension).map { "w\($0)" } }

    func makeWorkspace(maxBatchSize: Int) {}

    func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout Void) -> Double {
        var s = 0.0
        for i in 0..<dimension { s += coefficients[i] * pow(w[i], power) }
        return s
    }

    func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Void) -> Double {
        var s = 0.0
        for i in 0..<dimension {
            s += coefficients[i] * pow(w[i], power)
            gradient[i] = coefficients[i] * Double(power) * pow(w[i], power - 1)
        }
        return s
    }

    func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>, gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Void) -> Double {
        lossAndGradient(w, gradient: gradient, workspace: &workspace)
    }

    func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>, workspace: inout Void) {
        output[0] = -loss(w, workspace: &workspace)
    }

    func populationLoss(_ w: [Double]) -> Double? {
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
struct TinyRegression: Model {
    typealias Workspace = Void
    var x: [Double]
    var y: [Double]
    var dimension: Int { 1 }
    var parameterNames: [String] { ["w"] }
    var sampleCount: Int { x.count }
    func makeWorkspace(maxBatchSize: Int) {}

    func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout Void) -> Double {
        var s = 0.0
        for i in x.indices { let r = y[i] - w[0] * x[i]; s += r * r }
        return s / Double(2 * x.count)
    }
    func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Void) -> Double {
        var s = 0.0, g = 0.0
        for i in x.indices { let r = y[i] - w[0] * x[i]; s += r * r; g -= r * x[i] }
        gradient[0] = g / Double(x.count)
        return s / Double(2 * x.count)
    }
    func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>, gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Void) -> Double {
        var s = 0.0, g = 0.0
        for i in batch { let r = y[i] - w[0] * x[i]; s += r * r; g -= r * x[i] }
        gradient[0] = g / Double(batch.count)
        return s / Double(2 * batch.count)
    }
    func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>, workspace: inout Void) {
        for i in x.indices { let r = y[i] - w[0] * x[i]; output[i] = -r * r / 2 }
    }
    func populationLoss(_ w: [Double]) -> Double? { w[0] * w[0] / 2 }
}
