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
///   trajectories, so the fit's error is scaled by √(χ²/dof) when that exceeds 1.
/// - `hazard`: censored maximum likelihood for an exponential waiting time,
///   `r̂ = escapes / time at risk` after `fitStart`, with `se = r̂/√escapes`
///   (independent trajectories; an escape is the first record outside the basin).
public struct EscapeAnalysis: Sendable, Codable {
    public struct DecayFit: Sendable, Codable {
        public var rate: Double
        public var rateError: Double
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
        try DynamicsError.require(result.dimension == 1, "--q", "escape analysis needs a 1-D model")
        try DynamicsError.require(bins >= 2 && bins <= 2000, "--bins", "expected 2 to 2000, got \(bins)")
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

        // Weighted log-linear fit.
        var xs: [Double] = [], ys: [Double] = [], ws: [Double] = []
        for r in 0..<R where result.times[r] >= t0 && inReg[r] >= minimumCount && inReg[r] < alive.count {
            let f = regularFraction[r]
            xs.append(Double(result.times[r])); ys.append(log(f)); ws.append(N * f / (1 - f))
        }
        if xs.count >= 3, Set(ys).count > 1 {
            let line = try LeastSquares.line(x: xs, y: ys, weights: ws)
            let dof = max(line.dof, 1)
            let chi = line.chiSquared / Double(dof)
            let se = line.standardErrors[1] * max(1, chi.squareRoot())
            fit = DecayFit(rate: -line.coefficients[1], rateError: se, amplitude: exp(line.coefficients[0]),
                           points: xs.count, chiSquaredPerDof: chi)
        } else {
            fit = nil
        }

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
