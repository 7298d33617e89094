import Foundation
import GSL

/// The end-of-training SGD distribution (1-D) against the Bayesian posterior
///
///     p(w | D_n) ∝ φ(w) exp(−n L_n(w)),   n L_n(w) = (S_yy − 2 Q(w) S_xy + Q(w)² S_xx)/2 + const,
///
/// with φ uniform on the histogram window. With a finite dataset (seed 003's
/// setting) S_xx, S_xy are those of the very dataset SGD trained on (n samples);
/// online, `n L_n` is replaced by its expectation `n Q²/2` with n = steps·B, the
/// number of samples SGD has seen. Each bin's posterior mass is GSL QAGS
/// quadrature of the density (shifted by the minimum of n L_n), split at the
/// local minima of n L_n inside the bin so the narrow peaks are not missed.
/// `totalVariation = ½ Σ |p_SGD − p_post|` over the bins (a lower bound on the
/// continuous distance), and per basin the SGD and posterior masses.
public struct PosteriorComparison: Sendable, Codable {
    public var n: Int
    public var fromDataset: Bool
    public var edges: [Double]
    public var sgd: [Double]
    public var posterior: [Double]
    public var totalVariation: Double
    /// Posterior and SGD mass in each basin of `EscapeBasins`.
    public var basinPosterior: [Double]
    public var basinSGD: [Double]
    public var quadratureError: Double

    public init(_ result: SGDEnsembleResult, basins: EscapeBasins, edges: [Double]) throws {
        try DynamicsError.require(result.dimension == 1, "q", "the posterior comparison needs a 1-D model")
        try DynamicsError.require(edges.count >= 3, "bins", "need at least 2 bins")
        let s = result.settings
        let q = s.q
        let sxx: Double, sxy: Double, n: Int
        if let data = s.dataset() {
            var a = 0.0, b = 0.0
            for i in data.x.indices { a += data.x[i] * data.x[i]; b += data.x[i] * data.y[i] }
            sxx = a; sxy = b; n = data.x.count; fromDataset = true
        } else {
            n = s.steps * s.batchSize; sxx = Double(n); sxy = 0; fromDataset = false
        }
        self.n = n
        self.edges = edges
        let nL: (Double) -> Double = { w in let v = q.value([w]); return (v * v * sxx - 2 * v * sxy) / 2 }
        let lo = edges.first!, hi = edges.last!
        let grid = 40_001
        let h = (hi - lo) / Double(grid - 1)
        let values = (0..<grid).map { nL(lo + Double($0) * h) }
        var minima: [Double] = []
        for i in 1..<(grid - 1) where values[i] <= values[i - 1] && values[i] < values[i + 1] {
            minima.append(EscapeBasins.golden(nL, lo + Double(i - 1) * h, lo + Double(i + 1) * h))
        }
        let floor = min(values.min()!, minima.map(nL).min() ?? .infinity)
        let density: (Double) -> Double = { exp(-(nL($0) - floor)) }
        var mass: [Double] = [], err = 0.0
        for b in 0..<(edges.count - 1) {
            let cuts = [edges[b]] + minima.filter { $0 > edges[b] && $0 < edges[b + 1] } + [edges[b + 1]]
            var m = 0.0
            for c in 0..<(cuts.count - 1) {
                let r = try Integration.qags(density, from: cuts[c], to: cuts[c + 1], absoluteTolerance: 1e-300,
                                             relativeTolerance: 1e-9)
                m += r.value; err += r.error
            }
            mass.append(m)
        }
        let z = mass.reduce(0, +)
        try DynamicsError.require(z > 0 && z.isFinite, "bins", "posterior normalisation failed (Z = \(z))")
        posterior = mass.map { $0 / z }
        quadratureError = err / z
        let R = result.times.count
        var counts = [Double](repeating: 0, count: edges.count - 1)
        var total = 0.0
        var basinS = [Double](repeating: 0, count: basins.minima.count)
        for k in 0..<result.trajectoryCount {
            let w = result.coordinate(trajectory: k, record: R - 1)
            guard w.isFinite else { continue }
            total += 1
            if let bi = basins.basin(of: w) { basinS[bi] += 1 }
            guard w >= lo && w <= hi else { continue }
            counts[min(edges.count - 2, Int((w - lo) / (hi - lo) * Double(edges.count - 1)))] += 1
        }
        sgd = counts.map { $0 / max(total, 1) }
        basinSGD = basinS.map { $0 / max(total, 1) }
        var basinP = [Double](repeating: 0, count: basins.minima.count)
        for b in 0..<(edges.count - 1) {
            if let bi = basins.basin(of: (edges[b] + edges[b + 1]) / 2) { basinP[bi] += posterior[b] }
        }
        basinPosterior = basinP
        totalVariation = 0.5 * zip(sgd, posterior).reduce(0) { $0 + abs($1.0 - $1.1) }
    }
}
