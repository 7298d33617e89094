import Foundation
import GSL
import Models

/// Maximum likelihood of the one-hidden-layer tanh networks
/// y = Σ_{h≤H} b_h tanh(a_h x) + ε, ε ~ N(0, σ²), σ known, for H = 0 … Hmax,
/// by multistart Levenberg–Marquardt (`descend`, analytic Jacobian, the
/// normal equations solved by Cholesky). Parameters in the layout of
/// `MLP.tanhNetwork` (a_1 … a_H, then b_1 … b_H).
///
/// The H-unit fit starts from the best (H−1)-unit fit with one more unit
/// (b = 0), and from `starts` random points of stream 100 + H of `seed`
/// (a_h ~ U(−3, 3)/sd(x), b_h ~ N(0, sd(y)²)). The (H−1)-unit fit is
/// itself a point of the H-unit model, so ℓ̂_H ≥ ℓ̂_{H−1} always.
///
///     ℓ̂_H = −RSS_H/(2σ²) − (n/2) log(2πσ²)     (= −n L_n(ŵ_H)).
public struct TanhFit: Sendable {
    /// The largest H accepted (the multistart cost grows with H).
    public static let maximumHidden = 12

    /// RSS_H for H = 0 … Hmax.
    public let residualSumOfSquares: [Double]
    /// The best parameters of each H (empty for H = 0).
    public let parameters: [[Double]]
    public let sampleCount: Int
    public let sigma: Double

    public init(data: Dataset, maxHidden: Int, sigma: Double, starts: Int = 16, seed: UInt64 = 1) throws {
        guard data.inputDimension == 1, data.outputDimension == 1 else {
            throw SpecError(path: "data", "the tanh family has 1 input and 1 output; the data have \(data.inputDimension) and \(data.outputDimension)")
        }
        guard sigma > 0, sigma.isFinite else { throw SpecError(path: "sigma", "expected a positive number, got \(sigma)") }
        guard starts >= 0 else { throw SpecError(path: "starts", "expected at least 0 random starts, got \(starts)") }
        let n = data.count
        guard n >= 2 * maxHidden else {
            throw SpecError(path: "data", "the \(maxHidden)-unit fit needs at least \(2 * maxHidden) samples, got n = \(n)")
        }
        let x = data.inputs, y = data.outputs
        let sdX = Self.standardDeviation(x), sdY = Self.standardDeviation(y)
        var rss = [y.reduce(0) { $0 + $1 * $1 }]
        var best: [[Double]] = [[]]
        for h in stride(from: 1, through: maxHidden, by: 1) {
            let previous = best[h - 1]
            // The (H−1)-unit optimum with a silent new unit: a point of this model.
            var warm = Array(previous.prefix(h - 1)) + [1 / max(sdX, 1e-12)] + Array(previous.suffix(h - 1)) + [0]
            var bestW = warm, bestRSS = rss[h - 1]
            let stream = RandomStream(seed: seed, stream: 100 + h)
            var startPoints = [warm]
            for _ in 0..<starts {
                let a = (0..<h).map { _ in stream.uniform(in: -3...3) / max(sdX, 1e-12) }
                let b = (0..<h).map { _ in stream.gaussian() * max(sdY, 1e-12) }
                startPoints.append(a + b)
            }
            for start in startPoints {
                let w = Self.descend(x: x, y: y, hidden: h, start: start)
                let r = Self.residualSum(x: x, y: y, hidden: h, w: w)
                if r < bestRSS { bestRSS = r; bestW = w }
            }
            warm = bestW
            rss.append(bestRSS)
            best.append(warm)
        }
        residualSumOfSquares = rss
        parameters = best
        sampleCount = n
        self.sigma = sigma
    }

    /// ℓ̂_H.
    public func logLikelihood(hidden h: Int) -> Double {
        let s2 = sigma * sigma
        return -residualSumOfSquares[h] / (2 * s2) - Double(sampleCount) / 2 * log(2 * Double.pi * s2)
    }

    /// f(x) = Σ b_h tanh(a_h x) at w = (a, b).
    static func predict(_ x: Double, hidden h: Int, w: [Double]) -> Double {
        var s = 0.0
        for k in 0..<h { s += w[h + k] * tanh(w[k] * x) }
        return s
    }

    static func residualSum(x: [Double], y: [Double], hidden h: Int, w: [Double]) -> Double {
        var s = 0.0
        for i in x.indices {
            let r = y[i] - predict(x[i], hidden: h, w: w)
            s += r * r
        }
        return s
    }

    /// Levenberg–Marquardt on RSS(w) from `start`: the normal equations
    /// (JᵀJ + μ diag(JᵀJ) + μ·1e-12·I) δ = −Jᵀr accumulated in one pass over
    /// the data (no per-sample allocation), solved by Cholesky; a step is
    /// kept only if it lowers RSS (then μ /= 3, else μ *= 4). Stops after
    /// `maxIterations`, when RSS falls by less than 1e-12 relative on an
    /// accepted step, or when μ exceeds 1e12. Returns the best point seen.
    static func descend(x: [Double], y: [Double], hidden h: Int, start: [Double], maxIterations: Int = 400) -> [Double] {
        let p = 2 * h
        var w = start, current = residualSum(x: x, y: y, hidden: h, w: w)
        var mu = 1e-3
        var jtj = [Double](repeating: 0, count: p * p), jtr = [Double](repeating: 0, count: p)
        var row = [Double](repeating: 0, count: p), a = [Double](repeating: 0, count: p * p), step = [Double](repeating: 0, count: p)
        var trial = w
        for _ in 0..<maxIterations {
            for k in 0..<(p * p) { jtj[k] = 0 }
            for k in 0..<p { jtr[k] = 0 }
            for i in x.indices {
                var f = 0.0
                for k in 0..<h {
                    let t = tanh(w[k] * x[i])
                    f += w[h + k] * t
                    row[k] = w[h + k] * x[i] * (1 - t * t)
                    row[h + k] = t
                }
                let r = y[i] - f
                for u in 0..<p {
                    jtr[u] += row[u] * r
                    for v in 0...u { jtj[u * p + v] += row[u] * row[v] }
                }
            }
            var accepted = false
            while mu < 1e12 {
                for u in 0..<p {
                    for v in 0...u { a[u * p + v] = jtj[u * p + v] }
                    a[u * p + u] += mu * jtj[u * p + u] + mu * 1e-12 + 1e-300
                }
                guard choleskySolve(&a, jtr, into: &step, size: p) else { mu *= 4; continue }
                for k in 0..<p { trial[k] = w[k] + step[k] }
                let value = residualSum(x: x, y: y, hidden: h, w: trial)
                if value < current {
                    let relative = (current - value) / max(current, 1e-300)
                    w = trial
                    current = value
                    mu = max(mu / 3, 1e-12)
                    accepted = true
                    if relative < 1e-12 { return w }
                    break
                }
                mu *= 4
            }
            if !accepted { break }
        }
        return w
    }

    /// Solves A z = b for symmetric positive definite A (lower triangle given, overwritten by its Cholesky factor).
    static func choleskySolve(_ a: inout [Double], _ b: [Double], into z: inout [Double], size p: Int) -> Bool {
        for j in 0..<p {
            var d = a[j * p + j]
            for k in 0..<j { d -= a[j * p + k] * a[j * p + k] }
            guard d > 0, d.isFinite else { return false }
            let l = d.squareRoot()
            a[j * p + j] = l
            for i in (j + 1)..<max(p, j + 1) {
                var s = a[i * p + j]
                for k in 0..<j { s -= a[i * p + k] * a[j * p + k] }
                a[i * p + j] = s / l
            }
        }
        for i in 0..<p {
            var s = b[i]
            for k in 0..<i { s -= a[i * p + k] * z[k] }
            z[i] = s / a[i * p + i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            var s = z[i]
            for k in (i + 1)..<max(p, i + 1) { s -= a[k * p + i] * z[k] }
            z[i] = s / a[i * p + i]
        }
        return z.allSatisfy(\.isFinite)
    }

    static func standardDeviation(_ v: [Double]) -> Double {
        guard v.count > 1 else { return 1 }
        let mean = v.reduce(0, +) / Double(v.count)
        return (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)).squareRoot()
    }

    /// The truth with H0 active units of `MLP.truth(activeUnits:)` for one
    /// input: a_j = 1 + j, b_j = 1, so f*(x) = Σ_{j<H0} tanh((1 + j) x).
    public static func truthFunction(activeUnits h0: Int) -> (Double) -> Double {
        { x in (0..<h0).reduce(0) { $0 + tanh(Double(1 + $1) * x) } }
    }

    /// n samples of y = f*(x) + σε with x ~ U[−2, 2] (compact support with
    /// the origin inside, the theorem's assumption), drawn as
    /// `Dataset.synthetic` does (stream 0 of `seed`).
    public static func syntheticData(activeUnits h0: Int, count n: Int, sigma: Double, seed: UInt64) throws -> Dataset {
        let inputs = InputDistribution.uniform(lower: -2, upper: 2)
        guard h0 >= 0 else { throw SpecError(path: "trueHidden", "expected H0 ≥ 0 active units, got \(h0)") }
        let f = truthFunction(activeUnits: h0)
        let d = try Dataset.synthetic(inputDimension: 1, outputDimension: 1, count: n, inputs: inputs, noise: sigma, seed: seed) { x, y in
            y[0] = f(x[0])
        }
        return try Dataset(inputs: d.inputs, outputs: d.outputs, inputDimension: 1, outputDimension: 1, inputDistribution: inputs,
                           source: "synthetic n=\(n) tanh truth with \(h0) units (a_j = 1 + j, b_j = 1), x ~ U[−2, 2], seed=\(seed)")
    }
}
