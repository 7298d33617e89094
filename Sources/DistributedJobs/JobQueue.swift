import Foundation

/// Runs a command's independent jobs and gathers their results in job order.
///
/// Two implementations: `InProcessQueue` (threads of this process; what every
/// command does by default) and, in a build with the `MPI` trait, `MPIQueue`
/// (ranks of an `mpirun`/`srun` launch, rank 0 handing jobs out largest
/// first). Every rank calls `run` with the same job list; the coordinator
/// (rank 0) gets the gathered `JobRun`, the other ranks nil: they only compute,
/// and neither print results nor write files.
public protocol JobQueue: Sendable {
    /// This process's rank (0 in-process).
    var rank: Int { get }
    /// The number of ranks (1 in-process).
    var ranks: Int { get }
    /// Runs `body` once per job and gathers the encoded results in job order.
    /// A job that throws becomes a `JobFailure` naming its rank; the others still
    /// run. `finished` is called on the coordinator once per job, one call at a time.
    func run(_ jobs: [QueuedJob], finished: (@Sendable (Int, Result<Data, JobFailure>) -> Void)?,
             _ body: @escaping @Sendable (QueuedJob) async throws -> Data) async -> JobRun<Data>?
}

extension JobQueue {
    /// Rank 0: the rank that gathers, prints and writes.
    public var isCoordinator: Bool { rank == 0 }

    /// `run` with typed results: each job's value is encoded where it runs and
    /// decoded on the coordinator (`JobCoding`), in-process too, so the values
    /// are the same whichever rank ran them. `finished` gets the decoded result.
    public func map<T: Codable & Sendable>(_ jobs: [QueuedJob], finished: (@Sendable (Int, Result<T, JobFailure>) -> Void)? = nil,
                                           _ body: @escaping @Sendable (QueuedJob) async throws -> T) async -> JobRun<T>? {
        var typed: (@Sendable (Int, Result<Data, JobFailure>) -> Void)? = nil
        if let finished {
            typed = { @Sendable (k: Int, r: Result<Data, JobFailure>) -> Void in
                let value: Result<T, JobFailure> = Self.decoded(r, job: jobs[k])
                finished(k, value)
            }
        }
        let encoded: @Sendable (QueuedJob) async throws -> Data = { job in try JobCoding.encode(try await body(job)) }
        guard let run = await run(jobs, finished: typed, encoded) else { return nil }
        return run.mapValues { (data: Data, k: Int) -> Result<T, JobFailure> in
            Self.decoded(.success(data), job: jobs[k], rank: run.records[k].rank)
        }
    }

    static func decoded<T: Decodable>(_ result: Result<Data, JobFailure>, job: QueuedJob, rank: Int = 0) -> Result<T, JobFailure> {
        switch result {
        case .failure(let f): return .failure(f)
        case .success(let data):
            do { return .success(try JobCoding.decode(T.self, from: data)) } catch {
                return .failure(JobFailure(job: job.index, label: job.label, rank: rank,
                                           message: "its result could not be decoded: \(error)", seconds: 0))
            }
        }
    }
}
