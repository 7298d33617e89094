import ArgumentParser
import DistributedJobs
import Experiments
import Foundation
import Reports
import TensorFiles

extension LLCCommand {
    /// `--checkpoints DIR|FILE,FILE…`: the LLC curve along a training run.
    func runCurve(_ list: String) async throws {
        guard nbetaSweep == nil else { throw ValidationError("give --checkpoints or --nbeta-sweep, not both") }
        guard model.at == nil else { throw ValidationError("--at is not used with --checkpoints: every estimate is centred at its checkpoint's weights") }
        guard trace == nil, !traceParameters else { throw ValidationError("--trace is for a single estimate; with --checkpoints use --json or --csv") }
        guard model.spec != nil else { throw ValidationError("--checkpoints needs the network's --spec") }
        let experiment = try model.experiment(seed: samplerOptions.seed)
        let configuration = try samplerOptions.resolve(.llc, for: experiment, model: model)
        try model.checkResources(experiment, configuration.settings)
        let files = try Self.checkpointFiles(list)
        var checkpoints: [LLCCurveRun.Checkpoint] = []
        for (index, path) in files.enumerated() {
            let file = try TensorFile.read(path: path)
            let w = try experiment.parameters(from: file)
            let step = file.metadata["step"].flatMap(Int.init) ?? Self.step(fromFileName: path) ?? index
            let loss = file.metadata["train_loss"].flatMap(Double.init)
            checkpoints.append(.init(step: step, trainLoss: loss, parameters: w, source: path))
        }
        checkpoints.sort { ($0.step, $0.source) < ($1.step, $1.source) }
        let start = StartPoint(origin: .parameters([])).optimized(optimizeCenter)
        let request = LLCRequest(configuration, prior: experiment.prior, start: start)
        let settings = configuration.settings
        // One job per checkpoint: at most one per core in one process, over the ranks under mpirun (docs/cluster.md).
        let queue = try Cluster.queue(concurrency: ProcessInfo.processInfo.activeProcessorCount)
        let progress = ProgressLine("sampling \(checkpoints.count) checkpoints",
                                    total: checkpoints.count * settings.chains * (settings.burnIn + settings.draws * settings.thin),
                                    quiet: quiet || json || !queue.isCoordinator)
        let run = LLCCurveRun(checkpoints: checkpoints, request: request, title: "LLC along training, \(experiment.summary)",
                              progress: { progress.advance(by: $0) }, expectSteps: { progress.grow(by: $0) })
        guard var curve = try await queue.run(run, on: experiment, progress: progress, quiet: quiet || json) else { return }
        progress.finish()
        for i in curve.rows.indices {
            var c = configuration
            let report = curve.rows[i].report
            if let pilot = report.pilot { c.recordStepSize(pilot.stepSize, how: "pilot") }
            else if let first = report.adaptedStepSizes?.first { c.recordStepSize(first, how: "adapted during burn-in") }
            curve.rows[i].report.configuration = c.provenance
        }
        if json {
            print(try JSONOutput.string(LLCCurveJSON(curve, version: RLCTVersion.string)), terminator: "")
        } else {
            print(curve.renderText(), terminator: "")
        }
        var outputs = OutputWrites()
        outputs.write(plot) { curve.plot().renderSVG() }
        outputs.write(csv) { curve.csv() }
        var diverged = false
        for row in curve.rows {
            for d in row.report.estimate.divergences {
                diverged = true
                FileHandle.standardError.write(Data("error: step \(row.step): \(d)\n".utf8))
            }
        }
        if diverged && !allowDivergent { throw ExitCode(1) }
        try outputs.finish()
    }

    /// The weights files of `--checkpoints`: a directory's *.safetensors, *.npz
    /// and *.npy files in name order, or a comma-separated list of files.
    static func checkpointFiles(_ list: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        if !list.contains(","), FileManager.default.fileExists(atPath: list, isDirectory: &isDirectory), isDirectory.boolValue {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: list) } catch {
                throw ValidationError("--checkpoints \(list): cannot list the directory (\(error.localizedDescription))")
            }
            let files = names.filter { $0.hasSuffix(".safetensors") || $0.hasSuffix(".npz") || $0.hasSuffix(".npy") }.sorted()
            guard !files.isEmpty else { throw ValidationError("--checkpoints \(list): no .safetensors, .npz or .npy files in the directory") }
            return files.map { (list as NSString).appendingPathComponent($0) }
        }
        let files = list.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for f in files where f.isEmpty { throw ValidationError("--checkpoints: an empty file name in '\(list)'") }
        return files
    }

    /// 250 from `…/step-000250.safetensors`.
    static func step(fromFileName path: String) -> Int? {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard name.hasPrefix("step-") else { return nil }
        return Int(name.dropFirst(5))
    }
}
