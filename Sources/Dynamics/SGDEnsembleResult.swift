/// The recorded positions of an `SGDEnsemble`: trajectory k's coordinate j at
/// record r (time `times[r]`) is `positions[(k·times.count + r)·d + j]`, NaN
/// once the trajectory has diverged.
public struct SGDEnsembleResult: Sendable {
    public let settings: SGDEnsemble
    public let times: [Int]
    public let positions: [Double]
    /// Step at which each diverged trajectory left the bound (nil: stayed finite).
    public let divergedAt: [Int?]

    init(settings: SGDEnsemble, times: [Int], records: [SGDTrajectoryRecord]) {
        self.settings = settings
        self.times = times
        var p: [Double] = []
        p.reserveCapacity(records.count * times.count * settings.dimension)
        for r in records { p.append(contentsOf: r.path) }
        positions = p
        divergedAt = records.map(\.divergedAt)
    }

    public var dimension: Int { settings.dimension }
    public var trajectoryCount: Int { divergedAt.count }
    public var divergedCount: Int { divergedAt.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    @inlinable
    public func coordinate(trajectory k: Int, record r: Int, _ j: Int = 0) -> Double {
        positions[(k * times.count + r) * dimension + j]
    }

    /// Coordinate j of every trajectory at record r (NaN for diverged ones).
    public func coordinates(record r: Int, _ j: Int = 0) -> [Double] {
        (0..<trajectoryCount).map { coordinate(trajectory: $0, record: r, j) }
    }

    /// Trajectory k's path as points (one per record, finite records only).
    public func path(_ k: Int) -> [[Double]] {
        (0..<times.count).compactMap { r in
            let w = (0..<dimension).map { coordinate(trajectory: k, record: r, $0) }
            return w.allSatisfy(\.isFinite) ? w : nil
        }
    }
}
