import Foundation

/// Escape from the regular basin measured on R independent replicates of a
/// 1-D `SGDEnsemble` (seed 003): replicate r has its own dataset (stream −1 − r)
/// and its own trajectories (streams r·2³² + k), so the spread between
/// replicates includes the dataset-to-dataset variation that one shared
/// dataset hides. Each replicate is analysed by `EscapeAnalysis`; the
/// statistics are over replicates (`ReplicateStatistic`: mean, sd, se = sd/√R).
///
/// Per replicate the analysis's own errors (the fit's batch-means/GSL error,
/// the hazard's rate/√escapes) are kept as `sharedDatasetError`s: they see the
/// trajectories' randomness on one dataset, not the dataset's.
public struct EscapeReplicates: Sendable, Codable {
    public struct Replicate: Sendable, Codable {
        public var replicate: Int
        public var startedInRegular: Int
        public var escaped: Int
        public var escapedFraction: Double
        /// The regular-basin fraction at each of `markTimes`.
        public var regularFraction: [Double]
        public var fitRate: Double?
        public var fitRateSharedDatasetError: Double?
        public var fitPoints: Int?
        public var hazardRate: Double?
        public var hazardRateSharedDatasetError: Double?
        public var diverged: Int

        public init(_ a: EscapeAnalysis, replicate: Int, markTimes: [Int]) {
            self.replicate = replicate
            startedInRegular = a.startedInRegular
            escaped = a.escaped
            escapedFraction = a.startedInRegular > 0 ? Double(a.escaped) / Double(a.startedInRegular) : 0
            regularFraction = markTimes.map { t in
                a.times.firstIndex(where: { $0 >= t }).map { a.regularFraction[$0] } ?? .nan
            }
            fitRate = a.fit?.rate
            fitRateSharedDatasetError = a.fit?.rateError
            fitPoints = a.fit?.points
            hazardRate = a.hazard?.rate
            hazardRateSharedDatasetError = a.hazard?.rateError
            diverged = a.diverged
        }
    }

    public var markTimes: [Int]
    public var replicates: [Replicate]
    public var fitRate: ReplicateStatistic
    public var hazardRate: ReplicateStatistic
    public var escapedFraction: ReplicateStatistic
    /// regularFraction[i]: over replicates, at markTimes[i].
    public var regularFraction: [ReplicateStatistic]
    public var diverged: ReplicateStatistic

    public init(markTimes: [Int], replicates: [Replicate]) {
        self.markTimes = markTimes
        self.replicates = replicates
        fitRate = ReplicateStatistic(replicates.map { $0.fitRate ?? .nan })
        hazardRate = ReplicateStatistic(replicates.map { $0.hazardRate ?? .nan })
        escapedFraction = ReplicateStatistic(replicates.map(\.escapedFraction))
        regularFraction = markTimes.indices.map { i in ReplicateStatistic(replicates.map { $0.regularFraction[i] }) }
        diverged = ReplicateStatistic(replicates.map { Double($0.diverged) })
    }

    /// Runs replicates 0..<count of `ensemble` (its own `replicate` is ignored)
    /// and analyses each on `basins`. `first`, when given, is replicate 0's
    /// analysis already done by the caller (it is not run again).
    /// `progress` receives SGD steps done.
    public static func run(_ ensemble: SGDEnsemble, count: Int, basins: EscapeBasins, fitStart: Int?,
                           histogramRange: ClosedRange<Double>, bins: Int = 40, markTimes: [Int],
                           first: EscapeAnalysis? = nil,
                           progress: (@Sendable (Int) -> Void)? = nil) throws -> EscapeReplicates {
        try DynamicsError.require(count >= 1 && count <= 1000, "replicates", "expected 1 to 1000 replicates, got \(count)")
        var rows: [Replicate] = []
        for r in 0..<count {
            if r == 0, let first {
                rows.append(Replicate(first, replicate: 0, markTimes: markTimes))
                continue
            }
            rows.append(try replicate(r, of: ensemble, basins: basins, fitStart: fitStart, histogramRange: histogramRange,
                                      bins: bins, markTimes: markTimes, progress: progress))
        }
        return EscapeReplicates(markTimes: markTimes, replicates: rows)
    }

    /// Replicate r of `ensemble` alone (its dataset and trajectories drawn from
    /// replicate r's streams only), analysed on `basins`: one job of `run`,
    /// the same wherever it runs.
    public static func replicate(_ r: Int, of ensemble: SGDEnsemble, basins: EscapeBasins, fitStart: Int?,
                                 histogramRange: ClosedRange<Double>, bins: Int = 40, markTimes: [Int],
                                 progress: (@Sendable (Int) -> Void)? = nil) throws -> Replicate {
        var e = ensemble
        e.replicate = r
        let result = try e.run(progress: progress)
        let a = try EscapeAnalysis(result, basins: basins, fitStart: fitStart, histogramRange: histogramRange, bins: bins)
        return Replicate(a, replicate: r, markTimes: markTimes)
    }

    /// The record times the text reports: t = 0, and a tenth, a quarter, half
    /// and all of the run.
    public static func markTimes(_ times: [Int]) -> [Int] {
        let c = times.count
        return Array(Set([0, c / 10, c / 4, c / 2, c - 1].map { times[$0] })).sorted()
    }
}
