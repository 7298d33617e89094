import Foundation
import GSL

/// ⟨cos θ(t)⟩ and the displacement of Brownian motion on `S^{n−1}` for one n,
/// with the fitted decay rate beside `D(n−1)/R²`.
public struct SphereDiffusionResult: Sendable, Codable {
    public var dimension: Int
    public var radius: Double
    public var diffusion: Double
    public var stepSize: Double
    public var steps: Int
    public var walkers: Int
    /// `D(n−1)/R²`, the continuous-time rate.
    public var predictedRate: Double
    /// `−ln E[cos(angle of one step)] / dt`, the exact rate of the simulated chain.
    public var discreteRate: Double
    /// κ of the least-squares fit `⟨cos θ(t)⟩ ≈ exp(−κt)` (GSL nonlinear least squares).
    public var fittedRate: Double
    /// GSL's standard error of κ: treats the time points as independent,
    /// whereas one walker's path links them, so it is too small; see `batchError`.
    public var fitError: Double
    /// Standard error of κ from separate fits on independent walker batches.
    public var batchError: Double
    /// `fittedRate / predictedRate − 1`.
    public var relativeDeviation: Double
    /// Recorded times (a subsample of the steps).
    public var times: [Double]
    public var meanCosine: [Double]
    public var cosineError: [Double]
    /// ⟨|x(t) − x(0)|⟩ over walkers.
    public var meanDisplacement: [Double]
    /// The article's `R √(2(1 − exp(−D(n−1)t/R²)))`, which is √⟨z²⟩ exactly and
    /// so bounds ⟨z⟩ from above (Jensen).
    public var displacementFormula: [Double]
    /// ⟨|x − x(0)|⟩ at the last step, and its limit for n → ∞, √2 R.
    public var finalMeanDisplacement: Double
    public var limitDisplacement: Double

    init(dimension n: Int, diffusion settings: SphereDiffusion, stepSize dt: Double,
         groups: [SphereDiffusion.Sums]) throws {
        let steps = settings.steps, r = settings.radius, d = settings.diffusion
        let m = Double(groups.reduce(0) { $0 + $1.walkers })
        var cosine = [Double](repeating: 0, count: steps), error = cosine, distance = cosine
        for j in 0..<steps {
            let s = groups.reduce(0) { $0 + $1.cosine[j] }, s2 = groups.reduce(0) { $0 + $1.cosineSquares[j] }
            cosine[j] = s / m
            error[j] = (max(0, (s2 - m * cosine[j] * cosine[j]) / (m - 1)) / m).squareRoot()
            distance[j] = groups.reduce(0) { $0 + $1.distance[j] } / m
        }
        let t = (1...steps).map { Double($0) * dt }
        let fit = try Self.fitRate(times: t, values: cosine, dimension: n, walkers: m)
        var batchRates: [Double] = []
        for g in groups {
            let k = Double(g.walkers)
            batchRates.append(try Self.fitRate(times: t, values: g.cosine.map { $0 / k }, dimension: n, walkers: k).parameters[0])
        }
        predictedRate = d * Double(n - 1) / (r * r)
        discreteRate = try SphereDiffusion.discreteRate(sigma: (2 * d * dt).squareRoot() / r, dof: n - 1, stepSize: dt)
        fittedRate = fit.parameters[0]
        fitError = fit.standardErrors[0]
        batchError = (try Statistics.standardDeviation(batchRates)) / Double(batchRates.count).squareRoot()
        relativeDeviation = fittedRate / predictedRate - 1
        let stride = max(1, steps / 100)
        let kept = Array(Swift.stride(from: stride - 1, to: steps, by: stride))
        times = kept.map { t[$0] }
        meanCosine = kept.map { cosine[$0] }
        cosineError = kept.map { error[$0] }
        meanDisplacement = kept.map { distance[$0] }
        let rate = predictedRate
        displacementFormula = times.map { r * (2 * (1 - exp(-rate * $0))).squareRoot() }
        finalMeanDisplacement = distance[steps - 1]
        limitDisplacement = 2.0.squareRoot() * r
        dimension = n
        radius = r
        diffusion = d
        stepSize = dt
        self.steps = steps
        walkers = Int(m)
    }

    /// Fit of `y ≈ exp(−κ t)` by GSL nonlinear least squares in two stages:
    /// unweighted (started from ln y at the first point below e⁻¹), then
    /// weighted by `walkers/v(t)` with the variance of cos θ for a rate κ₁ from
    /// the first stage, `v = 1/n + (1 − 1/n) e^{−2nκ₁t/(n−1)} − e^{−2κ₁t}`
    /// (degree-1 and degree-2 spherical harmonics, eigenvalues `n−1` and `2n`
    /// in units of D/R²). Weights fixed before seeing a point's noise keep κ
    /// unbiased: weights `1/s²` from the data's own spread biased κ low by
    /// ≈ 3 % at 400 walkers (where the sample mean of cos θ dips, its sample
    /// variance rises and the point loses weight), and no weights at all let
    /// the noisy tail dominate.
    static func fitRate(times t: [Double], values y: [Double], dimension n: Int, walkers: Double) throws -> NonlinearFit {
        let cut = y.firstIndex { $0 < exp(-1.0) } ?? (y.count - 1)
        let j = max(0, min(cut, y.count - 1))
        let start = y[j] > 0 ? -log(y[j]) / t[j] : 1 / t[t.count - 1]
        let residuals: ([Double]) -> [Double] = { p in zip(t, y).map { exp(-p[0] * $0.0) - $0.1 } }
        let jacobian: ([Double]) -> [[Double]] = { p in t.map { [-$0 * exp(-p[0] * $0)] } }
        let first = try LeastSquares.nonlinear(start: [start], observations: t.count,
                                               residuals: residuals, jacobian: jacobian)
        let k1 = first.parameters[0], nn = Double(n)
        let weights = t.map { time -> Double in
            let v = 1 / nn + (1 - 1 / nn) * exp(-2 * nn * k1 * time / (nn - 1)) - exp(-2 * k1 * time)
            return walkers / max(v, 1e-12)
        }
        return try LeastSquares.nonlinear(start: [k1], observations: t.count, weights: weights,
                                          residuals: residuals, jacobian: jacobian)
    }
}
