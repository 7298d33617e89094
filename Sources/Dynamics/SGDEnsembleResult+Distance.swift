import Foundation

extension SGDEnsembleResult {
    /// Per record: the mean, median and quartiles of the distance |w| to the
    /// origin, and the mean |w_line| of one coordinate (seed 003, Fig. 3 and 6:
    /// distance to the most degenerate point, and distance to the line w1 = 0).
    public struct DistanceSummary: Sendable, Codable {
        public var times: [Int]
        public var mean: [Double]
        public var median: [Double]
        public var lowerQuartile: [Double]
        public var upperQuartile: [Double]
        /// Mean |w_j| of coordinate `lineCoordinate`, the distance to the line w_j = 0.
        public var meanLineDistance: [Double]
        public var lineCoordinate: Int
    }

    /// Distance summaries over the non-diverged trajectories.
    public func distanceSummary(lineCoordinate: Int = 0) -> DistanceSummary {
        let alive = (0..<trajectoryCount).filter { divergedAt[$0] == nil }
        var mean: [Double] = [], med: [Double] = [], q1: [Double] = [], q3: [Double] = [], line: [Double] = []
        for r in times.indices {
            var ds: [Double] = [], sumLine = 0.0
            ds.reserveCapacity(alive.count)
            for k in alive {
                var s = 0.0
                for j in 0..<dimension { let c = coordinate(trajectory: k, record: r, j); s += c * c }
                ds.append(s.squareRoot())
                sumLine += abs(coordinate(trajectory: k, record: r, lineCoordinate))
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
            line.append(sumLine / m)
        }
        return DistanceSummary(times: times, mean: mean, median: med, lowerQuartile: q1, upperQuartile: q3,
                               meanLineDistance: line, lineCoordinate: lineCoordinate)
    }
}
