import Foundation

/// Every job's result in job order, gathered on the coordinator, with the
/// schedule that produced them (for the idle-time and scaling figures).
public struct JobRun<Value: Sendable>: Sendable {
    /// Result k is job k's: its value, or the failure naming its rank.
    public var results: [Result<Value, JobFailure>]
    /// Processes that ran jobs (1 in-process, the MPI world size under mpirun).
    public var ranks: Int
    /// Seconds from the first job handed out to the last result gathered.
    public var wallSeconds: Double
    /// For each rank, the seconds from the start at which it ran out of jobs.
    public var rankFinished: [Double]
    /// One record per job, in job order.
    public var records: [JobRecord]

    public init(results: [Result<Value, JobFailure>], ranks: Int, wallSeconds: Double, rankFinished: [Double], records: [JobRecord]) {
        self.results = results
        self.ranks = ranks
        self.wallSeconds = wallSeconds
        self.rankFinished = rankFinished
        self.records = records
    }

    /// The failed jobs, in job order.
    public var failures: [JobFailure] {
        results.compactMap { if case .failure(let f) = $0 { return f } else { return nil } }
    }

    /// Last rank finishing minus first: the time some rank sat idle at the end.
    public var idleSeconds: Double {
        guard let lo = rankFinished.min(), let hi = rankFinished.max() else { return 0 }
        return hi - lo
    }

    /// One line for standard error: ranks, jobs, failures, wall time and the idle tail.
    public var summary: String {
        let share = wallSeconds > 0 ? 100 * idleSeconds / wallSeconds : 0
        return "\(ranks) rank\(ranks == 1 ? "" : "s"), \(results.count) job\(results.count == 1 ? "" : "s") (\(failures.count) failed) in "
            + String(format: "%.1f s; the ranks ran out of jobs within %.1f s of each other (%.1f%% of the wall time)",
                     wallSeconds, idleSeconds, share)
    }

    /// The same run with each value transformed (decoding, say), keeping the schedule.
    public func mapValues<T: Sendable>(_ transform: (Value, Int) -> Result<T, JobFailure>) -> JobRun<T> {
        JobRun<T>(results: results.enumerated().map { k, r in
            switch r {
            case .success(let v): return transform(v, k)
            case .failure(let f): return .failure(f)
            }
        }, ranks: ranks, wallSeconds: wallSeconds, rankFinished: rankFinished, records: records)
    }
}

extension JobRun {
    /// The schedule as JSON: ranks, wall and idle seconds, and every job's record.
    public func scheduleJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(JobSchedule(ranks: ranks, wallSeconds: wallSeconds, idleSeconds: idleSeconds,
                                           rankFinishedSeconds: rankFinished, jobs: records))
    }
}

/// The schedule file's content (`RLCT_MPI_SCHEDULE`).
struct JobSchedule: Encodable {
    var ranks: Int
    var wallSeconds: Double
    var idleSeconds: Double
    var rankFinishedSeconds: [Double]
    var jobs: [JobRecord]

    enum CodingKeys: String, CodingKey {
        case ranks, wallSeconds = "wall_seconds", idleSeconds = "idle_seconds"
        case rankFinishedSeconds = "rank_finished_seconds", jobs
    }
}
