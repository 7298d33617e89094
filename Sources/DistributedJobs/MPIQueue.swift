#if MPI
import CMPI
import Dispatch
import Foundation

/// The jobs over the ranks of an MPI launch, by a dynamic queue: rank 0 hands
/// jobs out largest first and computes too (its MPI thread answers requests
/// between its own jobs); every other rank asks for a job, runs it, and sends
/// the encoded result with its next request. Job costs differ by 1,000×, so a
/// static split would leave ranks idle; with the queue only the last jobs'
/// lengths bound the idle tail.
public final class MPIQueue: JobQueue, @unchecked Sendable {
    private let session: MPISession
    public var rank: Int { session.rank }
    public var ranks: Int { session.size }

    /// Initialises MPI (once per process: make one queue).
    public init() {
        session = MPISession()
    }

    public func run(_ jobs: [QueuedJob], finished: (@Sendable (Int, Result<Data, JobFailure>) -> Void)?,
                    _ body: @escaping @Sendable (QueuedJob) async throws -> Data) async -> JobRun<Data>? {
        let session = self.session
        if session.rank != 0 {
            session.start { Self.serve(jobs: jobs, session: session, body) }
            await session.finalisedAll()
            return nil
        }
        let board = JobBoard(jobs: jobs, ranks: session.size, finished: finished)
        session.start { Self.coordinate(board: board, session: session) }
        await board.work(rank: 0, body)
        board.ranOut(rank: 0)
        await session.finalisedAll()
        return board.gathered(ranks: session.size)
    }

    /// Rank 0's MPI thread: answers every request until each other rank has been told to stop.
    private static func coordinate(board: JobBoard, session: MPISession) {
        var active = session.size - 1
        var handedOut = [Double](repeating: 0, count: session.size)
        var current = [Int](repeating: -1, count: session.size)
        while active > 0 {
            let (source, bytes) = MPIMessages.receive(tag: MPIMessages.reportTag)
            let rank = Int(source)
            guard let report = MPIMessages.Report(bytes) else { session.abort("a malformed message from rank \(rank)") }
            if report.job < 0 {
                if Int(report.status) != board.jobs.count {
                    session.abort("rank \(rank) made \(report.status) jobs from its arguments, rank 0 made \(board.jobs.count): every rank must run the same command on the same files")
                }
            } else {
                let k = Int(report.job)
                guard k == current[rank] else { session.abort("rank \(rank) reported job \(k), which it was not given") }
                let result: Result<Data, JobFailure> = report.status == 0
                    ? .success(Data(report.payload))
                    : .failure(JobFailure(job: k, label: board.jobs[k].label, rank: rank,
                                          message: String(decoding: report.payload, as: UTF8.self), seconds: report.seconds))
                board.finish(k, rank: rank, handedOut: handedOut[rank], seconds: report.seconds, result: result)
            }
            if let (job, time) = board.take() {
                handedOut[rank] = time
                current[rank] = job.index
                MPIMessages.sendAssign(Int64(job.index), to: source)
            } else {
                current[rank] = -1
                board.ranOut(rank: rank)
                MPIMessages.sendAssign(-1, to: source)
                active -= 1
            }
        }
    }

    /// A worker rank's MPI thread: asks for jobs and runs each until told to stop.
    private static func serve(jobs: [QueuedJob], session: MPISession, _ body: @escaping @Sendable (QueuedJob) async throws -> Data) {
        var report = MPIMessages.Report(job: -1, status: Int64(jobs.count), seconds: 0, payload: [])
        while true {
            MPIMessages.send(report.bytes, to: 0, tag: MPIMessages.reportTag)
            let (_, bytes) = MPIMessages.receive(tag: MPIMessages.assignTag, from: 0)
            guard bytes.count == 8 else { session.abort("a malformed job message from rank 0") }
            let k = Int(Int64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }))
            if k < 0 { return }
            guard k < jobs.count else { session.abort("rank 0 sent job \(k) of \(jobs.count)") }
            let job = jobs[k]
            let start = ContinuousClock.now
            let result = Blocking.run { () async -> Result<Data, any Error> in
                do { return .success(try await body(job)) } catch { return .failure(error) }
            }
            let seconds = start.secondsSince
            switch result {
            case .success(let data): report = .init(job: Int64(k), status: 0, seconds: seconds, payload: Array(data))
            case .failure(let error): report = .init(job: Int64(k), status: 1, seconds: seconds, payload: Array("\(error)".utf8))
            }
        }
    }
}

/// Runs an async operation to completion from a plain thread (the MPI thread,
/// never a thread of Swift's cooperative pool), blocking that thread.
enum Blocking {
    static func run<T: Sendable>(_ operation: @escaping @Sendable () async -> T) -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.value = await operation()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    private final class Box<T>: @unchecked Sendable {
        var value: T?
    }
}
#endif
