import Foundation
import GSL

extension VolumeScaling {
    /// log V(ε) on `epsilons` by one nested-sampling run (Skilling 2006):
    /// N live points from φ on the box; repeatedly the worst (largest
    /// K − K(w*) = l_k) is replaced by a draw from φ restricted to {K − K(w*) < l_k},
    /// made by `steps` random-walk Metropolis moves from a copy of another live
    /// point (per-coordinate scale = the live points' spread, adapted to 15–50 %
    /// acceptance). The prior mass inside l_k is X_k = e^{−k/N} up to a factor
    /// with sd(log X_k) = √k/N, whatever the shape of the set, so tiny ε are
    /// reached in N·log(1/V) steps. log V(ε) interpolates −k/N linearly in log ε
    /// between the thresholds around ε. Throws if V would fall below e^−400.
    static func nestedSamplingLogVolumes(_ f: LevelFunction, density: AxisDensity, lower: [Double], upper: [Double],
                                         epsilons: [Double], livePoints n: Int, steps: Int,
                                         seed: UInt64, stream: Int) throws -> (logBoxMass: Double, logFraction: [Double]) {
        let d = lower.count
        let rng = RandomStream(seed: seed, stream: stream)
        let target = epsilons.min() ?? 0
        var live = [Double](repeating: 0, count: n * d)
        var values = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for j in 0..<d { w[j] = try density.sample(axis: j, from: lower[j], to: upper[j], rng: rng) }
            live.replaceSubrange(i * d..<(i + 1) * d, with: w)
            values[i] = f.value(w)
            guard values[i].isFinite else { throw SpecificationError("K is not finite at w = \(w)") }
        }
        func logPrior(_ x: [Double]) -> Double {
            density.isUniform ? 0 : (0..<d).reduce(0) { $0 + density.logDensity(axis: $1, x[$1]) }
        }
        var thresholds: [Double] = []
        var finalLevel = 0.0
        var scales = [Double](repeating: 0, count: d)
        var factor = 0.5, accepted = 0, proposed = 0
        let maxIterations = 400 * n
        var proposal = w
        while true {
            var worst = 0
            for i in 1..<n where values[i] > values[worst] { worst = i }
            let level = values[worst]
            if level < target { finalLevel = level; break }
            thresholds.append(level)
            guard thresholds.count <= maxIterations else {
                throw SpecificationError("nested sampling did not reach ε = \(target) (K − K(w*) still \(level) after \(maxIterations) replacements, V < e^−400); raise --epsilon-min")
            }
            if thresholds.count % n == 1 {
                // Step scales from the live points' spread, refreshed every N replacements.
                for j in 0..<d {
                    var mean = 0.0, sq = 0.0
                    for i in 0..<n { let x = live[i * d + j]; mean += x; sq += x * x }
                    mean /= Double(n)
                    scales[j] = max((sq / Double(n) - mean * mean).squareRoot(), 1e-300)
                }
            }
            var start = rng.uniformInt(below: n - 1)
            if start >= worst { start += 1 }
            for j in 0..<d { w[j] = live[start * d + j] }
            var value = values[start], logP = logPrior(w)
            for _ in 0..<steps {
                var inside = true
                for j in 0..<d {
                    proposal[j] = w[j] + factor * scales[j] * rng.gaussian()
                    if proposal[j] < lower[j] || proposal[j] > upper[j] { inside = false }
                }
                proposed += 1
                guard inside else { continue }
                let pv = f.value(proposal)
                guard pv < level else { continue }
                let pl = logPrior(proposal)
                if !density.isUniform, log(rng.uniform()) > pl - logP { continue }
                swap(&w, &proposal)
                value = pv
                logP = pl
                accepted += 1
            }
            if proposed >= 200 {
                let rate = Double(accepted) / Double(proposed)
                if rate < 0.15 { factor *= 0.7 } else if rate > 0.5 { factor = min(factor * 1.4, 2) }
                accepted = 0
                proposed = 0
            }
            live.replaceSubrange(worst * d..<(worst + 1) * d, with: w)
            values[worst] = value
        }
        var logBoxMass = 0.0
        for j in 0..<d { logBoxMass += log(density.mass(axis: j, from: lower[j], to: upper[j])) }
        let nd = Double(n)
        return (logBoxMass, epsilons.map { epsilon in
            // Thresholds decrease: k = #{l_k ≥ ε}.
            var lo = 0, hi = thresholds.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if thresholds[mid] >= epsilon { lo = mid + 1 } else { hi = mid }
            }
            let k = lo
            let next = k < thresholds.count ? thresholds[k] : finalLevel
            var theta = 0.0
            if k > 0, thresholds[k - 1] > next, next > 0 {
                theta = (log(thresholds[k - 1]) - log(epsilon)) / (log(thresholds[k - 1]) - log(next))
            }
            return -(Double(k) + theta) / nd
        })
    }

    /// The runs' mean log V and its error: the larger of the spread across
    /// runs and nested sampling's own √k/N, both divided by √runs.
    /// `runs` holds log X(ε), the fraction of the box's prior mass `exp(logBoxMass)`.
    static func combine(_ runs: [[Double]], logBoxMass: Double, epsilons: [Double], livePoints n: Int) -> [Point] {
        let r = Double(runs.count)
        return epsilons.indices.map { e in
            let logs = runs.map { $0[e] }
            let mean = logs.reduce(0, +) / r
            let spread = ((try? Statistics.standardDeviation(logs)) ?? 0) / r.squareRoot()
            let theory = max(0, -mean * Double(n)).squareRoot() / Double(n) / r.squareRoot()
            let v = exp(logBoxMass + mean)
            return Point(epsilon: epsilons[e], volume: v, error: v * max(spread, theory))
        }
    }
}
