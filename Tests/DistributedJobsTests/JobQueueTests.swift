import DistributedJobs
import Foundation
import Testing

/// The in-process queue (the default of every command) and the pieces the MPI
/// queue shares with it: hand-out order, gathering in job order, failures,
/// and the result encoding.
@Suite struct JobQueueTests {
    struct Value: Codable, Sendable, Equatable {
        var index: Int
        var x: Double
        var values: [Double]
    }

    static func jobs(_ costs: [Double]) -> [QueuedJob] {
        costs.enumerated().map { QueuedJob(index: $0.offset, cost: $0.element, label: "job \($0.offset)") }
    }

    @Test func handsOutLargestFirstWithTiesByIndex() {
        let order = QueuedJob.handOutOrder(Self.jobs([1, 1000, 5, 1000, .nan, 0.5]))
        #expect(order == [1, 3, 2, 0, 5, 4])
    }

    /// Whatever the concurrency (and so the order jobs finish in), results come back in job order.
    @Test(arguments: [1, 2, 5])
    func gathersInJobOrder(concurrency: Int) async throws {
        let costs = (0..<23).map { Double(($0 * 7) % 11) }
        let queue = InProcessQueue(concurrency: concurrency)
        let run = try #require(await queue.map(Self.jobs(costs)) { job in
            Value(index: job.index, x: sin(Double(job.index)), values: [Double(job.index), .pi])
        })
        #expect(run.results.count == 23)
        for (k, r) in run.results.enumerated() {
            let v = try r.get()
            #expect(v == Value(index: k, x: sin(Double(k)), values: [Double(k), .pi]))
        }
        #expect(run.records.map(\.job) == Array(0..<23))
        #expect(run.ranks == 1 && queue.isCoordinator)
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String { "refused on purpose" }
    }

    /// A job that throws is a failure naming its job, rank and error; the others still run.
    @Test func aThrowingJobIsAFailureAndTheOthersRun() async throws {
        let run = try #require(await InProcessQueue(concurrency: 2).map(Self.jobs([1, 2, 3, 4])) { job -> Int in
            if job.index == 2 { throw Refused() }
            return job.index * 10
        })
        #expect(run.failures.count == 1)
        let failure = try #require(run.failures.first)
        #expect(failure.job == 2 && failure.rank == 0 && failure.message == "refused on purpose")
        #expect(failure.description == "job 2 (job 2) failed on rank 0: refused on purpose")
        #expect(failure.underlying is Refused)
        #expect(try run.results[3].get() == 30)
        #expect(run.records[2].failed && !run.records[3].failed)
    }

    /// The finished callback sees every job once.
    @Test func finishedIsCalledOncePerJob() async throws {
        final class Seen: @unchecked Sendable {
            var indices: [Int] = []
            let lock = NSLock()
        }
        let seen = Seen()
        _ = await InProcessQueue(concurrency: 3).map(Self.jobs(Array(repeating: 1, count: 17)), finished: { k, _ in
            seen.lock.lock()
            seen.indices.append(k)
            seen.lock.unlock()
        }) { $0.index }
        #expect(seen.indices.sorted() == Array(0..<17))
    }

    /// Results travel as JSON: every Double (subnormals, extremes, NaN and the
    /// infinities) must come back with the same bits.
    @Test func encodingKeepsEveryDoubleExactly() throws {
        let awkward: [Double] = [0.1, 1 / 3, -0.0, 5e-324, .greatestFiniteMagnitude, .infinity, -.infinity,
                                 2.718281828459045, 1e-300 * 1e-10, 123456789.00000001]
        let back = try JobCoding.decode([Double].self, from: JobCoding.encode(awkward))
        #expect(back.map(\.bitPattern) == awkward.map(\.bitPattern))
        let nan = try JobCoding.decode([Double].self, from: JobCoding.encode([Double.nan]))
        #expect(nan[0].isNaN)
    }

    /// Without a launcher a command runs in one process; a build without MPI refuses several ranks.
    @Test func clusterReadsTheLaunchersEnvironment() {
        #expect(Cluster.launchedRanks(environment: [:]) == nil)
        #expect(Cluster.launchedRanks(environment: ["OMPI_COMM_WORLD_SIZE": "4"]) == 4)
        #expect(Cluster.launchedRanks(environment: ["PMIX_RANK": "1", "SLURM_NTASKS": "8"]) == 8)
        #expect(Cluster.launchedRank(environment: ["OMPI_COMM_WORLD_RANK": "3"]) == 3)
        #expect(Cluster.launchedRank(environment: [:]) == 0)
    }

    @Test func idleTailIsLastRankMinusFirst() {
        let run = JobRun<Int>(results: [.success(1)], ranks: 3, wallSeconds: 10, rankFinished: [9, 9.5, 10], records: [])
        #expect(abs(run.idleSeconds - 1) < 1e-12)
        #expect(run.summary.contains("3 ranks, 1 job (0 failed)"))
    }
}
