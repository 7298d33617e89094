import Foundation
import GSL

/// Convergence diagnostics for several chains of one scalar (Vehtari, Gelman,
/// Simpson, Carpenter & Bürkner 2021, "Rank-normalization, folding, and
/// localization: an improved R̂"): rank-normalised split-R̂ (the larger of the
/// bulk and the folded/tail versions), bulk and tail effective sample sizes
/// (Geyer's initial monotone sequence over the multi-chain autocorrelation),
/// and the Monte Carlo standard error of the mean.
public struct Diagnostics: Sendable, Codable, Equatable {
    public var rhat: Double
    public var essBulk: Double
    public var essTail: Double
    /// ESS of the mean of the raw draws (for the MCSE).
    public var essMean: Double
    public var mean: Double
    public var standardDeviation: Double
    /// standardDeviation / √essMean.
    public var mcse: Double

    /// Diagnostics of `chains` (each a series of draws). Chains are cut to the
    /// shortest length; fewer than 4 draws per chain gives NaNs.
    public init(chains input: [[Double]]) {
        let n = input.map(\.count).min() ?? 0
        let chains = input.map { Array($0.prefix(n)) }
        let pooled = chains.flatMap { $0 }
        let mu = pooled.isEmpty ? .nan : pooled.reduce(0, +) / Double(pooled.count)
        mean = mu
        standardDeviation = pooled.count > 1
            ? (pooled.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(pooled.count - 1)).squareRoot() : .nan
        guard n >= 4, !chains.isEmpty else {
            rhat = .nan; essBulk = .nan; essTail = .nan; essMean = .nan; mcse = .nan
            return
        }
        let split = Diagnostics.split(chains)
        let z = Diagnostics.rankNormalize(split)
        let median = Diagnostics.quantile(pooled, 0.5)
        let folded = Diagnostics.rankNormalize(split.map { $0.map { abs($0 - median) } })
        rhat = max(Diagnostics.rhat(z), Diagnostics.rhat(folded))
        essBulk = Diagnostics.ess(z)
        let q05 = Diagnostics.quantile(pooled, 0.05), q95 = Diagnostics.quantile(pooled, 0.95)
        let tailLow = Diagnostics.ess(split.map { $0.map { $0 <= q05 ? 1 : 0 } })
        let tailHigh = Diagnostics.ess(split.map { $0.map { $0 <= q95 ? 1 : 0 } })
        essTail = min(tailLow, tailHigh)
        essMean = Diagnostics.ess(split)
        mcse = standardDeviation / essMean.squareRoot()
    }

    /// Each chain cut into its first and second half (the middle draw of an
    /// odd-length chain is dropped).
    static func split(_ chains: [[Double]]) -> [[Double]] {
        chains.flatMap { c -> [[Double]] in
            let half = c.count / 2
            return [Array(c[0..<half]), Array(c[(c.count - half)...])]
        }
    }

    /// z = Φ⁻¹((r − 3/8)/(S + 1/4)) of the pooled ranks r (ties averaged), S draws in all.
    static func rankNormalize(_ chains: [[Double]]) -> [[Double]] {
        let pooled = chains.flatMap { $0 }
        let s = pooled.count
        let order = pooled.indices.sorted { pooled[$0] < pooled[$1] }
        var ranks = [Double](repeating: 0, count: s)
        var i = 0
        while i < s {
            var j = i
            while j + 1 < s && pooled[order[j + 1]] == pooled[order[i]] { j += 1 }
            let average = Double(i + j) / 2 + 1
            for k in i...j { ranks[order[k]] = average }
            i = j + 1
        }
        var out: [[Double]] = []
        var offset = 0
        for c in chains {
            out.append((0..<c.count).map { (try? SpecialFunctions.normalQuantile((ranks[offset + $0] - 0.375) / (Double(s) + 0.25))) ?? .nan })
            offset += c.count
        }
        return out
    }

    /// Split-R̂ of equally long chains: √(var⁺/W), var⁺ = (N−1)/N·W + B/N.
    static func rhat(_ chains: [[Double]]) -> Double {
        let (w, varPlus) = withinAndPooledVariance(chains)
        guard w > 0 else { return .nan }
        return (varPlus / w).squareRoot()
    }

    static func withinAndPooledVariance(_ chains: [[Double]]) -> (w: Double, varPlus: Double) {
        let m = Double(chains.count), n = Double(chains[0].count)
        let means = chains.map { $0.reduce(0, +) / n }
        let grand = means.reduce(0, +) / m
        let b = n / max(m - 1, 1) * means.reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        var w = 0.0
        for (c, mu) in zip(chains, means) {
            w += c.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / (n - 1)
        }
        w /= m
        return (w, (n - 1) / n * w + b / n)
    }

    /// Multi-chain effective sample size with Geyer's initial positive and
    /// monotone sequence (as in Stan); autocovariances are computed lag by lag
    /// only as far as the sequence needs.
    static func ess(_ chains: [[Double]]) -> Double {
        let m = chains.count, n = chains[0].count
        guard n >= 4 else { return .nan }
        let means = chains.map { $0.reduce(0, +) / Double(n) }
        let (w, varPlus) = withinAndPooledVariance(chains)
        guard varPlus > 0, w > 0 else { return .nan }
        func autocovariance(_ lag: Int) -> Double {
            var total = 0.0
            for (c, mu) in zip(chains, means) {
                var s = 0.0
                for t in 0..<(n - lag) { s += (c[t] - mu) * (c[t + lag] - mu) }
                total += s / Double(n)
            }
            return total / Double(m)
        }
        func rho(_ lag: Int) -> Double {
            lag == 0 ? 1 : 1 - (w * Double(n - 1) / Double(n) - autocovariance(lag)) / varPlus
        }
        var sum = 0.0
        var previous = Double.infinity
        var k = 0
        while 2 * k + 1 < n {
            var pair = rho(2 * k) + rho(2 * k + 1)
            if pair <= 0 { break }
            pair = min(pair, previous)  // monotone
            previous = pair
            sum += pair
            k += 1
        }
        let tau = max(-1 + 2 * sum, 1 / log10(Double(m * n)))
        return Double(m * n) / tau
    }

    /// The q-quantile by linear interpolation between order statistics.
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let h = q * Double(sorted.count - 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
