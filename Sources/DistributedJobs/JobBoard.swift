import Foundation

/// The coordinator's shared state: the jobs in hand-out order, the next one
/// to hand out, and the results and records gathered so far. Taken from and
/// filled by several threads (local workers, the MPI thread) under one lock.
final class JobBoard: @unchecked Sendable {
    let jobs: [QueuedJob]
    private let order: [Int]
    private var next = 0
    private var results: [Result<Data, JobFailure>?]
    private var records: [JobRecord?]
    private var rankFinished: [Double]
    private let lock = NSLock()
    /// Serialises the `finished` callbacks.
    private let callbackLock = NSLock()
    private let finished: (@Sendable (Int, Result<Data, JobFailure>) -> Void)?
    private let start = ContinuousClock.now

    init(jobs: [QueuedJob], ranks: Int, finished: (@Sendable (Int, Result<Data, JobFailure>) -> Void)?) {
        self.jobs = jobs
        order = QueuedJob.handOutOrder(jobs)
        results = Array(repeating: nil, count: jobs.count)
        records = Array(repeating: nil, count: jobs.count)
        rankFinished = Array(repeating: 0, count: ranks)
        self.finished = finished
    }

    /// Seconds since the board was made (the run's clock).
    func elapsed() -> Double { start.secondsSince }

    /// The next job in hand-out order and the time it was handed out, or nil when none is left.
    func take() -> (job: QueuedJob, handedOut: Double)? {
        lock.lock()
        defer { lock.unlock() }
        guard next < order.count else { return nil }
        next += 1
        return (jobs[order[next - 1]], elapsed())
    }

    /// Stores job `k`'s result (first result wins) and reports it.
    func finish(_ k: Int, rank: Int, handedOut: Double, seconds: Double, result: Result<Data, JobFailure>) {
        let job = jobs[k]
        var failed = false
        if case .failure = result { failed = true }
        let record = JobRecord(job: k, label: job.label, cost: job.cost, rank: rank, started: handedOut,
                               finished: elapsed(), seconds: seconds, failed: failed)
        lock.lock()
        let fresh = results[k] == nil
        if fresh {
            results[k] = result
            records[k] = record
        }
        lock.unlock()
        guard fresh, let finished else { return }
        callbackLock.lock()
        finished(k, result)
        callbackLock.unlock()
    }

    /// Rank `rank` has asked for a job and none was left.
    func ranOut(rank: Int) {
        lock.lock()
        rankFinished[rank] = elapsed()
        lock.unlock()
    }

    /// Takes jobs until none is left, running each with `body` on this rank.
    func work(rank: Int, _ body: @Sendable (QueuedJob) async throws -> Data) async {
        while let (job, handedOut) = take() {
            let t = ContinuousClock.now
            do {
                let data = try await body(job)
                finish(job.index, rank: rank, handedOut: handedOut, seconds: t.secondsSince, result: .success(data))
            } catch {
                let seconds = t.secondsSince
                finish(job.index, rank: rank, handedOut: handedOut, seconds: seconds,
                       result: .failure(JobFailure(job: job.index, label: job.label, rank: rank, message: "\(error)", seconds: seconds, error: error)))
            }
        }
    }

    /// The gathered run; every job must have finished.
    func gathered(ranks: Int) -> JobRun<Data> {
        lock.lock()
        defer { lock.unlock() }
        let missing = JobFailure(job: -1, label: "", rank: -1, message: "no result was gathered", seconds: 0)
        return JobRun(results: results.enumerated().map { k, r in
            r ?? .failure(JobFailure(job: k, label: jobs[k].label, rank: missing.rank, message: missing.message, seconds: 0))
        }, ranks: ranks, wallSeconds: elapsed(), rankFinished: rankFinished,
        records: records.enumerated().map { k, r in
            r ?? JobRecord(job: k, label: jobs[k].label, cost: jobs[k].cost, rank: -1, started: 0, finished: 0, seconds: 0, failed: true)
        })
    }
}

extension ContinuousClock.Instant {
    /// Seconds from this instant to now.
    var secondsSince: Double {
        let d = ContinuousClock.now - self
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
