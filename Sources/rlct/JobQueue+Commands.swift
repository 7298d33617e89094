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
    /// An SGD ensemble as (up to) 64 chunks of trajectories, and, with `replicates`
    /// (1-D), its replicates 1..<R as one job each (each analysed where it runs;
    /// replicate r draws only from its own streams). Returns replicate 0's paths
    /// and the other replicates' analyses in replicate order.
    func run(_ ensemble: SGDEnsemble, replicates: SGDReplicateJobs? = nil,
             quiet: Bool) async throws -> (result: SGDEnsembleResult, replicates: [EscapeReplicates.Replicate])? {
        try ensemble.validate()
        let ranges = ensemble.chunkRanges(count: ranks == 1 ? 1 : 64)
        let others = max(0, (replicates?.count ?? 1) - 1)
        let total = (1 + others) * ensemble.trajectories * ensemble.steps
        let progress = ProgressLine("sgd", total: total, quiet: quiet || !isCoordinator)
        let perStep = ranks == 1
        let stepProgress: (@Sendable (Int) -> Void)? = perStep ? { @Sendable (n: Int) in progress.advance(by: n) } : nil
        let chunkJobs = ranges.enumerated().map { k, r in
            QueuedJob(index: k, cost: Double(r.count), label: "trajectories \(r.lowerBound)..<\(r.upperBound)")
        }
        let replicateJobs = (0..<others).map { i in
            QueuedJob(index: ranges.count + i, cost: Double(ensemble.trajectories), label: "replicate \(i + 1)")
        }
        let done: @Sendable (Int, Result<SGDJobResult, JobFailure>) -> Void = { k, _ in
            guard !perStep else { return }
            progress.advance(by: (k < ranges.count ? ranges[k].count : ensemble.trajectories) * ensemble.steps)
        }
        guard let run = await map(chunkJobs + replicateJobs, finished: done, { job -> SGDJobResult in
            if job.index < ranges.count { return .chunk(try ensemble.run(chunk: ranges[job.index], progress: stepProgress)) }
            return .replicate(try replicates!.replicate(job.index - ranges.count + 1, of: ensemble, progress: stepProgress))
        }) else { return nil }
        progress.finish()
        run.reportSchedule(quiet: quiet)
        let results = try run.results.map { try $0.mapError { $0.underlying }.get() }
        let chunks = results.compactMap { if case .chunk(let c) = $0 { c } else { nil } }
        let reps = results.compactMap { if case .replicate(let r) = $0 { r } else { nil } }
        return (ensemble.result(chunks: chunks), reps)
    }

    /// A sweep, one job per swept value and replicate (job i·R + r: value i, replicate r).
    func run(_ sweep: SGDSweep, quiet: Bool) async throws -> SGDSweepResult? {
        let values = sweep.values, count = sweep.replicates
        guard !values.isEmpty, count >= 1, count <= 1000 else { return try sweep.run() }  // the library's own error
        let progress = ProgressLine("sgd-sweep", total: values.count * count * sweep.trajectories * sweep.steps,
                                    quiet: quiet || !isCoordinator)
        let perStep = ranks == 1
        let stepProgress: (@Sendable (Int) -> Void)? = perStep ? { @Sendable (n: Int) in progress.advance(by: n) } : nil
        let jobs = values.indices.flatMap { i in
            (0..<count).map { r in
                QueuedJob(index: i * count + r, cost: sweep.parameter == .batchSize ? values[i] : 1,
                          label: "\(sweep.parameter.rawValue) = \(values[i])" + (count > 1 ? ", replicate \(r)" : ""))
            }
        }
        guard let run = await map(jobs, finished: { _, _ in if !perStep { progress.advance(by: sweep.trajectories * sweep.steps) } }, { job in
            try sweep.replicate(job.index % count, value: values[job.index / count], progress: stepProgress)
        }) else { return nil }
        progress.finish()
        run.reportSchedule(quiet: quiet)
        let reps = try run.results.map { try $0.mapError { $0.underlying }.get() }
        return sweep.result(rows: values.indices.map { i in sweep.row(value: values[i], replicates: Array(reps[(i * count)..<((i + 1) * count)])) })
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

/// What the replicate jobs of `rlct sgd` need besides the ensemble: R and the escape analysis's settings.
struct SGDReplicateJobs: Sendable {
    var count: Int
    var basins: EscapeBasins
    var fitStart: Int?
    var histogramRange: ClosedRange<Double>
    var bins: Int
    var markTimes: [Int]

    func replicate(_ r: Int, of ensemble: SGDEnsemble, progress: (@Sendable (Int) -> Void)?) throws -> EscapeReplicates.Replicate {
        try EscapeReplicates.replicate(r, of: ensemble, basins: basins, fitStart: fitStart, histogramRange: histogramRange,
                                       bins: bins, markTimes: markTimes, progress: progress)
    }
}

/// One job's result in `rlct sgd`: a chunk of replicate 0's trajectories, or another replicate's analysis.
enum SGDJobResult: Codable, Sendable {
    case chunk(SGDEnsemble.Chunk)
    case replicate(EscapeReplicates.Replicate)
}
