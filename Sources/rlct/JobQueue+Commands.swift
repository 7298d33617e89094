import DistributedJobs
import Dynamics
import Experiments
import Foundation
import Reports

/// The jobs of the SGD commands and of `llc --checkpoints` on a `JobQueue`
/// (docs/cluster.md): each returns nil on a worker rank, which then ends
/// without printing; on the coordinator the gathered result is the one a
/// single process computes. Per-step progress is shown in one process; over
/// several ranks the line advances as jobs finish.
extension JobQueue {
    /// An SGD ensemble as (up to) 64 chunks of trajectories.
    func run(_ ensemble: SGDEnsemble, quiet: Bool) async throws -> SGDEnsembleResult? {
        try ensemble.validate()
        let ranges = ensemble.chunkRanges(count: ranks == 1 ? 1 : 64)
        let progress = ProgressLine("sgd", total: ensemble.trajectories * ensemble.steps, quiet: quiet || !isCoordinator)
        let perStep = ranks == 1
        let stepProgress: (@Sendable (Int) -> Void)? = perStep ? { @Sendable (n: Int) in progress.advance(by: n) } : nil
        let jobs = ranges.enumerated().map { k, r in
            QueuedJob(index: k, cost: Double(r.count), label: "trajectories \(r.lowerBound)..<\(r.upperBound)")
        }
        guard let run = await map(jobs, finished: { k, _ in if !perStep { progress.advance(by: ranges[k].count * ensemble.steps) } }, { job in
            try ensemble.run(chunk: ranges[job.index], progress: stepProgress)
        }) else { return nil }
        progress.finish()
        run.reportSchedule(quiet: quiet)
        return ensemble.result(chunks: try run.results.map { try $0.mapError { $0.underlying }.get() })
    }

    /// A sweep, one job per swept value.
    func run(_ sweep: SGDSweep, quiet: Bool) async throws -> SGDSweepResult? {
        let values = sweep.values
        guard !values.isEmpty else { return try sweep.run() }  // the library's own error
        let progress = ProgressLine("sgd-sweep", total: values.count * sweep.trajectories * sweep.steps, quiet: quiet || !isCoordinator)
        let perStep = ranks == 1
        let stepProgress: (@Sendable (Int) -> Void)? = perStep ? { @Sendable (n: Int) in progress.advance(by: n) } : nil
        let jobs = values.enumerated().map { k, v in QueuedJob(index: k, cost: 1, label: "\(sweep.parameter.rawValue) = \(v)") }
        guard let run = await map(jobs, finished: { _, _ in if !perStep { progress.advance(by: sweep.trajectories * sweep.steps) } }, { job in
            try sweep.row(value: values[job.index], progress: stepProgress)
        }) else { return nil }
        progress.finish()
        run.reportSchedule(quiet: quiet)
        return sweep.result(rows: try run.results.map { try $0.mapError { $0.underlying }.get() })
    }

    /// The LLC curve, one job per checkpoint.
    func run(_ curve: LLCCurveRun, on experiment: Experiment, progress: ProgressLine, quiet: Bool) async throws -> LLCCurve? {
        let perStep = ranks == 1
        var single = curve
        if !perStep { single.progress = nil; single.expectSteps = nil }
        let runs = curve.checkpoints.map { c -> LLCCurveRun in
            var r = single
            r.checkpoints = [c]
            return r
        }
        let steps = curve.request.settings.chains * (curve.request.settings.burnIn + curve.request.settings.draws * curve.request.settings.thin)
        let jobs = curve.checkpoints.enumerated().map { k, c in QueuedJob(index: k, cost: 1, label: "step \(c.step) (\(c.source))") }
        guard let run = await map(jobs, finished: { _, _ in if !perStep { progress.advance(by: steps) } }, { job in
            try await experiment.model.accept(runs[job.index]).rows[0].report
        }) else { return nil }
        run.reportSchedule(quiet: quiet)
        return curve.curve(reports: try run.results.map { try $0.mapError { $0.underlying }.get() })
    }
}
