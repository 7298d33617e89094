import DistributedJobs
import Experiments
import Foundation
import Reports

extension JobQueue {
    /// `select --simulate R`: one job per replicate (replicate k draws its truth
    /// and data from stream k of the seed wherever it runs), gathered in
    /// replicate order; nil on a worker rank. Per-dataset progress in one
    /// process; over several ranks the line advances as replicates finish.
    func run(_ simulation: SelectionSimulation, quiet: Bool) async throws -> SelectionSimulation.Result? {
        let sizes = simulation.sampleSizes.count
        let progress = ProgressLine("select --simulate", total: simulation.totalDatasets, quiet: quiet || !isCoordinator)
        let perStep = ranks == 1
        let stepProgress: (@Sendable (Int) -> Void)? = perStep ? { @Sendable (n: Int) in progress.advance(by: n) } : nil
        let jobs = (0..<simulation.replicates).map { k in QueuedJob(index: k, cost: 1, label: "replicate \(k)") }
        guard let run = await map(jobs, finished: { _, _ in if !perStep { progress.advance(by: sizes) } }, { job in
            try await simulation.replicate(job.index, progress: stepProgress)
        }) else { return nil }
        progress.finish()
        run.reportSchedule(quiet: quiet)
        return simulation.result(picks: try run.results.map { try $0.mapError { $0.underlying }.get() })
    }
}
