import Foundation
import GSL

/// Escape from the least degenerate ("regular") basin in a 1-D SGD ensemble
/// (seed 003, Fig. 1 and 4): the fraction of trajectories in that basin against
/// time, its exponential decay rate, the count that left it, and the histogram
/// of final positions.
///
/// Decay rate, two ways:
/// - `fit`: GSL weighted least squares of `log f(t) = c − r t` over the records
///   with `t ≥ fitStart` and at least `minimumCount` trajectories in the basin,
///   weights `N f/(1 − f)` (the binomial variance of log f). The records share
///   trajectories, so GSL's formal error (`gslRateError`) is too small; `rateError`
///   is the batch-means error: the same fit on 10 disjoint groups of trajectories
///   (k mod 10), sd of their rates / √10 (or the GSL error if larger).
/// - `hazard`: censored maximum likelihood for an exponential waiting time,
///   `r̂ = escapes / time at risk` after `fitStart`, with `se = r̂/√escapes`
///   (independent trajectories; an escape is the first record outside the basin).
public struct EscapeAnalysis: Sendable, Codable {
    public struct DecayFit: Sendable, Codable {
        public var rate: Double
        public var rateError: Double
        public var gslRateError: Double
        public var amplitude: Double
        public var points: Int
        public var chiSquaredPerDof: Double
    }
    public struct Hazard: Sendable, Codable {
        public var rate: Double
        public var rateError: Double
        public var escapes: Int
        public var timeAtRisk: Double
    }

    public var basins: EscapeBasins
    public var regularBasin: Int
    public var times: [Int]
    /// Fraction of the non-diverged trajectories in the regular basin at each record.
    public var regularFraction: [Double]
    /// Trajectories (non-diverged) counted in each basin at the last record.
    public var finalCounts: [Int]
    public var startedInRegular: Int
    /// Of those, how many are in another basin at the end.
    public var escaped: Int
    /// Trajectories in the regular basin at `fitStart` (after the initial transient)
    /// that are in another basin at the end.
    public var escapedAfterSettling: Int
    /// Of the trajectories started in any other basin, how many end in the regular one.
    public var returned: Int
    public var diverged: Int
    public var fitStart: Int
    public var fit: DecayFit?
    public var hazard: Hazard?
    public var histogramEdges: [Double]
    public var histogram: [Int]

    public init(_ result: SGDEnsembleResult, basins: EscapeBasins, fitStart: Int? = nil, minimumCount: Int = 20,
                histogramRange: ClosedRange<Double>, bins: Int = 80) throws {
        try DynamicsError.require(result.dimension == 1, "q", "escape analysis needs a 1-D model")
        try DynamicsError.require(bins >= 2 && bins <= 2000, "bins", "expected 2 to 2000, got \(bins)")
        self.basins = basins
        let reg = basins.leastDegenerate
        regularBasin = reg
        times = result.times
        let R = result.times.count, K = result.trajectoryCount
        let alive = (0..<K).filter { result.divergedAt[$0] == nil }
        diverged = K - alive.count
        let N = Double(max(alive.count, 1))
        var inReg = [Int](repeating: 0, count: R)
        var firstExit = [Int?](repeating: nil, count: K)
        var startReg = 0, esc = 0, ret = 0
        var counts = [Int](repeating: 0, count: basins.minima.count)
        for k in alive {
            let start = basins.basin(of: result.coordinate(trajectory: k, record: 0))
            let end = basins.basin(of: result.coordinate(trajectory: k, record: R - 1))
            if let end { counts[end] += 1 }
            if start == reg {
                startReg += 1
                if end != reg { esc += 1 }
            } else if end == reg { ret += 1 }
            var wasIn = false
            for r in 0..<R {
                let isIn = basins.basin(of: result.coordinate(trajectory: k, record: r)) == reg
                if isIn { inReg[r] += 1 }
                if wasIn && !isIn && firstExit[k] == nil { firstExit[k] = r }
                wasIn = isIn
            }
        }
        regularFraction = inReg.map { Double($0) / N }
        finalCounts = counts
        startedInRegular = startReg
        escaped = esc
        returned = ret
        let t0 = fitStart ?? result.times[R - 1] / 10
        self.fitStart = t0

        // Weighted log-linear fit, on all trajectories and on 10 groups.
        let times = result.times
        func fitRate(_ counts: [Int], total: Int) throws -> (LinearFit, Int)? {
            var xs: [Double] = [], ys: [Double] = [], ws: [Double] = []
            let n = Double(max(total, 1))
            for r in 0..<R where times[r] >= t0 && counts[r] >= minimumCount && counts[r] < total {
                let f = Double(counts[r]) / n
                xs.append(Double(times[r])); ys.append(log(f)); ws.append(n * f / (1 - f))
            }
            guard xs.count >= 3, Set(ys).count > 1 else { return nil }
            return (try LeastSquares.line(x: xs, y: ys, weights: ws), xs.count)
        }
        if let (line, points) = try fitRate(inReg, total: alive.count) {
            let chi = line.chiSquared / Double(max(line.dof, 1))
            let groups = 10
            var groupCounts = [[Int]](repeating: [Int](repeating: 0, count: R), count: groups)
            var groupTotals = [Int](repeating: 0, count: groups)
            for k in alive {
                groupTotals[k % groups] += 1
                for r in 0..<R where basins.basin(of: result.coordinate(trajectory: k, record: r)) == reg {
                    groupCounts[k % groups][r] += 1
                }
            }
            var rates: [Double] = []
            for g in 0..<groups {
                if let (gl, _) = try? fitRate(groupCounts[g], total: groupTotals[g]) { rates.append(-gl.coefficients[1]) }
            }
            var batchError = 0.0
            if rates.count >= 3 {
                let m = rates.reduce(0, +) / Double(rates.count)
                let v = rates.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(rates.count - 1)
                batchError = (v / Double(rates.count)).squareRoot()
            }
            let gslError = line.standardErrors[1]
            fit = DecayFit(rate: -line.coefficients[1], rateError: max(batchError, gslError), gslRateError: gslError,
                           amplitude: exp(line.coefficients[0]), points: points, chiSquaredPerDof: chi)
        } else {
            fit = nil
        }

        var settledEscapes = 0
        if let r0 = result.times.firstIndex(where: { $0 >= t0 }) {
            for k in alive where basins.basin(of: result.coordinate(trajectory: k, record: r0)) == reg
                && basins.basin(of: result.coordinate(trajectory: k, record: R - 1)) != reg { settledEscapes += 1 }
        }
        escapedAfterSettling = settledEscapes

        // Censored exponential hazard after t0 (trajectories in the basin at t0).
        if let r0 = result.times.firstIndex(where: { $0 >= t0 }) {
            var escapes = 0, risk = 0.0
            for k in alive where basins.basin(of: result.coordinate(trajectory: k, record: r0)) == reg {
                var exitRecord: Int? = nil
                for r in (r0 + 1)..<max(R, r0 + 1) where basins.basin(of: result.coordinate(trajectory: k, record: r)) != reg {
                    exitRecord = r; break
                }
                if let e = exitRecord {
                    escapes += 1
                    risk += Double(result.times[e] - result.times[r0])
                } else {
                    risk += Double(result.times[R - 1] - result.times[r0])
                }
            }
            if risk > 0 {
                let rate = Double(escapes) / risk
                hazard = Hazard(rate: rate, rateError: escapes > 0 ? rate / Double(escapes).squareRoot() : .nan,
                                escapes: escapes, timeAtRisk: risk)
            } else { hazard = nil }
        } else { hazard = nil }

        // Histogram of final positions.
        let lo = histogramRange.lowerBound, hi = histogramRange.upperBound
        histogramEdges = (0...bins).map { lo + (hi - lo) * Double($0) / Double(bins) }
        var hist = [Int](repeating: 0, count: bins)
        for k in alive {
            let w = result.coordinate(trajectory: k, record: R - 1)
            guard w >= lo && w <= hi else { continue }
            hist[min(bins - 1, Int((w - lo) / (hi - lo) * Double(bins)))] += 1
        }
        histogram = hist
    }
}
