import Foundation

extension SGDEnsembleResult {
    /// Per record: the mean, median and quartiles of the distance |w| to the
    /// origin, and the mean |w_j| of every coordinate (seed 003, Fig. 3 and 6:
    /// distance to the most degenerate point; mean |w1| is the distance to the
    /// line w1 = 0, mean |w2| the position along it).
    public struct DistanceSummary: Sendable, Codable {
        public var times: [Int]
        public var mean: [Double]
        public var median: [Double]
        public var lowerQuartile: [Double]
        public var upperQuartile: [Double]
        /// meanAbsolute[j][r]: mean |w_j| at record r.
        public var meanAbsolute: [[Double]]
    }

    /// Distance summaries over the non-diverged trajectories.
    public func distanceSummary() -> DistanceSummary {
        let alive = (0..<trajectoryCount).filter { divergedAt[$0] == nil }
        var mean: [Double] = [], med: [Double] = [], q1: [Double] = [], q3: [Double] = []
        var absolute = [[Double]](repeating: [], count: dimension)
        for r in times.indices {
            var ds: [Double] = [], sums = [Double](repeating: 0, count: dimension)
            ds.reserveCapacity(alive.count)
            for k in alive {
                var s = 0.0
                for j in 0..<dimension { let c = coordinate(trajectory: k, record: r, j); s += c * c; sums[j] += abs(c) }
                ds.append(s.squareRoot())
            }
            ds.sort()
            let m = Double(max(ds.count, 1))
            mean.append(ds.reduce(0, +) / m)
            func quantile(_ p: Double) -> Double {
                guard !ds.isEmpty else { return .nan }
                let x = p * Double(ds.count - 1), i = Int(x), f = x - Double(i)
                return i + 1 < ds.count ? ds[i] * (1 - f) + ds[i + 1] * f : ds[i]
            }
            med.append(quantile(0.5)); q1.append(quantile(0.25)); q3.append(quantile(0.75))
            for j in 0..<dimension { absolute[j].append(sums[j] / m) }
        }
        return DistanceSummary(times: times, mean: mean, median: med, lowerQuartile: q1, upperQuartile: q3,
                               meanAbsolute: absolute)
    }
}
