import GSL
@testable import Models

/// Checks shared by every model's tests (finite differences, epochs).
enum ModelChecks {
    static func fullLoss<M: Model>(_ model: M, _ w: [Double]) -> Double {
        var ws = model.makeWorkspace(maxBatchSize: max(model.sampleCount, 1))
        return w.withUnsafeBufferPointer { model.loss($0, workspace: &ws) }
    }

    static func fullLossAndGradient<M: Model>(_ model: M, _ w: [Double]) -> (Double, [Double]) {
        var ws = model.makeWorkspace(maxBatchSize: max(model.sampleCount, 1))
        var g = [Double](repeating: .nan, count: model.dimension)
        let value = w.withUnsafeBufferPointer { wp in
            g.withUnsafeMutableBufferPointer { model.lossAndGradient(wp, gradient: $0, workspace: &ws) }
        }
        return (value, g)
    }

    static func batchLossAndGradient<M: Model>(_ model: M, _ w: [Double], _ batch: [Int]) -> (Double, [Double]) {
        var ws = model.makeWorkspace(maxBatchSize: batch.count)
        var g = [Double](repeating: .nan, count: model.dimension)
        let value = w.withUnsafeBufferPointer { wp in
            batch.withUnsafeBufferPointer { bp in
                g.withUnsafeMutableBufferPointer { model.batchLossAndGradient(wp, batch: bp, gradient: $0, workspace: &ws) }
            }
        }
        return (value, g)
    }

    /// ‖g − g_fd‖ / max(‖g‖, ‖g_fd‖, 1e-4·|f(w)|), with g_fd from the
    /// five-point central difference (8[f(w+h) − f(w−h)] − [f(w+2h) − f(w−2h)])/(12h),
    /// whose truncation error is O(h⁴). Its rounding error is about
    /// 1e-16·|f|/h = 1e-12·|f|, so where the gradient is tinier than
    /// 1e-4·|f| (flat regions of w1⁴-type models, where f ≈ the noise
    /// constant) the check is absolute, at 1e-10·|f|, instead of relative.
    static func relativeGradientError(_ f: ([Double]) -> Double, _ g: [Double], at w: [Double], h: Double = 1e-4) -> Double {
        var diff = 0.0, norm = 0.0, normG = 0.0
        let floor = 1e-4 * abs(f(w))
        for j in w.indices {
            func at(_ t: Double) -> Double { var x = w; x[j] += t; return f(x) }
            let fd = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h)
            diff += (g[j] - fd) * (g[j] - fd)
            norm += fd * fd
            normG += g[j] * g[j]
        }
        return (diff / max(norm, normG, floor * floor, 1e-300)).squareRoot()
    }

    /// Full-data and batch gradient errors against finite differences.
    static func gradientErrors<M: Model>(_ model: M, at w: [Double], batch: [Int]) -> (full: Double, batch: Double) {
        let (_, g) = fullLossAndGradient(model, w)
        let full = relativeGradientError({ fullLoss(model, $0) }, g, at: w)
        let (_, gb) = batchLossAndGradient(model, w, batch)
        let b = relativeGradientError({ batchLossAndGradient(model, $0, batch).0 }, gb, at: w)
        return (full, b)
    }

    /// Random point with N(0, scale²) coordinates.
    static func randomPoint(dimension d: Int, rng: RandomStream, scale: Double = 0.7) -> [Double] {
        (0..<d).map { _ in scale * rng.gaussian() }
    }

    /// Mean over one epoch of the batch losses and gradients (B divides n).
    static func epochMeans<M: Model>(_ model: M, _ w: [Double], batchSize: Int, seed: UInt64) throws -> (Double, [Double]) {
        let schedule = try MinibatchSchedule(count: model.sampleCount, batchSize: batchSize)
        let rng = RandomStream(seed: seed)
        var indices = [Int](repeating: 0, count: batchSize)
        let batches = model.sampleCount / batchSize
        var loss = 0.0, grad = [Double](repeating: 0, count: model.dimension)
        for _ in 0..<batches {
            let count = indices.withUnsafeMutableBufferPointer { schedule.next(into: $0, rng: rng) }
            let (l, g) = batchLossAndGradient(model, w, Array(indices[0..<count]))
            loss += l / Double(batches)
            for j in grad.indices { grad[j] += g[j] / Double(batches) }
        }
        return (loss, grad)
    }

    static func maxAbs(_ a: [Double]) -> Double { a.map(abs).max() ?? 0 }
    static func maxAbsDiff(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { abs($0 - $1) }.max() ?? 0 }

    /// Mean of −log p(y_i|x_i, w) over the data from `logLikelihoods`.
    static func meanNegativeLogLikelihood<M: Model>(_ model: M, _ w: [Double]) -> Double {
        var ws = model.makeWorkspace(maxBatchSize: model.sampleCount)
        var out = [Double](repeating: .nan, count: max(model.sampleCount, 1))
        w.withUnsafeBufferPointer { wp in out.withUnsafeMutableBufferPointer { model.logLikelihoods(wp, into: $0, workspace: &ws) } }
        return -out.reduce(0, +) / Double(out.count)
    }
}
