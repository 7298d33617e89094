import Foundation

/// The default queue: up to `concurrency` jobs at once on this process's
/// threads, handed out largest first (the order changes only the schedule:
/// results are gathered in job order).
public struct InProcessQueue: JobQueue {
    public var concurrency: Int
    public var rank: Int { 0 }
    public var ranks: Int { 1 }

    public init(concurrency: Int = 1) {
        self.concurrency = max(1, concurrency)
    }

    public func run(_ jobs: [QueuedJob], finished: (@Sendable (Int, Result<Data, JobFailure>) -> Void)?,
                    _ body: @escaping @Sendable (QueuedJob) async throws -> Data) async -> JobRun<Data>? {
        let board = JobBoard(jobs: jobs, ranks: 1, finished: finished)
        let workers = min(concurrency, jobs.count)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<workers {
                group.addTask { await board.work(rank: 0, body) }
            }
        }
        board.ranOut(rank: 0)
        return board.gathered(ranks: 1)
    }
}
