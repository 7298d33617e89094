import Models

/// Moves w* to a nearby local minimum of the full-data loss L_n, as an LLC
/// should be measured at one (devinterp users localise at trained weights;
/// at the truth w0 itself, L_n(w0) − L_n(ŵ) ≈ χ²_d/(2n) makes λ̂ too low by
/// about d/(2 log n) in a regular model).
///
/// Gradient descent with Armijo backtracking (Nocedal & Wright 2006, Alg. 3.1)
/// on the full-data loss; stops when |∇L_n| ≤ `gradientTolerance` or after
/// `maxIterations`.
public enum LocalMinimizer {
    public struct Result: Sendable, Codable {
        public var point: [Double]
        public var loss: Double
        public var gradientNorm: Double
        public var iterations: Int
    }

    /// When the descent stops: |∇L_n| ≤ `gradientTolerance` or `maxIterations` steps.
    public struct Settings: Sendable, Equatable {
        public var maxIterations: Int
        public var gradientTolerance: Double
        public init(maxIterations: Int = 10_000, gradientTolerance: Double = 1e-10) {
            self.maxIterations = maxIterations
            self.gradientTolerance = gradientTolerance
        }
    }

    /// L_n(w) and |∇L_n(w)| on the full data.
    public static func lossAndGradientNorm<M: Model>(_ model: M, at w: [Double]) -> (loss: Double, gradientNorm: Double) {
        var workspace = model.makeWorkspace(maxBatchSize: 1)
        var g = [Double](repeating: 0, count: w.count)
        let f = w.withUnsafeBufferPointer { wp in g.withUnsafeMutableBufferPointer { model.lossAndGradient(wp, gradient: $0, workspace: &workspace) } }
        return (f, g.reduce(0) { $0 + $1 * $1 }.squareRoot())
    }

    /// `descend(_:from:maxIterations:gradientTolerance:)` with `settings`.
    public static func descend<M: Model>(_ model: M, from start: [Double], settings: Settings) -> Result {
        descend(model, from: start, maxIterations: settings.maxIterations, gradientTolerance: settings.gradientTolerance)
    }

    public static func descend<M: Model>(_ model: M, from start: [Double], maxIterations: Int = 10_000,
                                         gradientTolerance: Double = 1e-10) -> Result {
        var workspace = model.makeWorkspace(maxBatchSize: 1)
        var w = start
        var g = [Double](repeating: 0, count: w.count)
        func lossAndGradient(_ x: [Double], _ grad: inout [Double]) -> Double {
            x.withUnsafeBufferPointer { xp in grad.withUnsafeMutableBufferPointer { model.lossAndGradient(xp, gradient: $0, workspace: &workspace) } }
        }
        func loss(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { model.loss($0, workspace: &workspace) } }
        var f = lossAndGradient(w, &g)
        var step = 1.0
        var iterations = 0
        while iterations < maxIterations {
            let g2 = g.reduce(0) { $0 + $1 * $1 }
            if g2.squareRoot() <= gradientTolerance || !f.isFinite { break }
            iterations += 1
            var trial = w
            var accepted = false
            for _ in 0..<60 {
                for i in w.indices { trial[i] = w[i] - step * g[i] }
                let ft = loss(trial)
                if ft <= f - 1e-4 * step * g2 { accepted = true; break }
                step *= 0.5
            }
            guard accepted else { break }
            w = trial
            f = lossAndGradient(w, &g)
            step *= 2  // let the step grow back
        }
        return Result(point: w, loss: f, gradientNorm: g.reduce(0) { $0 + $1 * $1 }.squareRoot(), iterations: iterations)
    }
}
