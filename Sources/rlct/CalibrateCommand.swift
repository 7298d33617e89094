import ArgumentParser
import DistributedJobs
import Estimators
import Experiments
import Foundation
import Reports
import Sampling

/// `rlct calibrate`: which step size and localization to trust.
struct CalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Grid over step sizes × localizations (× nβ): λ̂, R̂, acceptance and divergences per cell, and a recommendation.",
        discussion: """
        Every cell carries the verdict of `rlct llc` (ok, check or unreliable, with the same thresholds: \
        R̂ ≤ 1.01, bulk and tail ESS ≥ 100 per chain, MCSE ≤ 2% of λ̂, acceptance in its band; unreliable at a \
        divergence, R̂ > 1.05 or ESS < 50 per chain). A cell is usable when its verdict is not unreliable, its \
        step is accurate (MALA/HMC acceptance not below its band; for SGLD the MALA acceptance of its steps ≥ 0.9) \
        and its standard error is ≤ 10% of λ̂. Neighbouring usable step sizes whose λ̂ agree within 2 standard \
        errors and 5% form the plateau; a plateau cell passes. The recommendation is the largest passing step \
        at the smallest localization that has one, preferring cells whose verdict is ok; a cell is recommended \
        whenever one passes.

        Examples:
          rlct calibrate --polynomial w^4 --sampler mala --step-sizes 1e-4,1e-3,1e-2
          rlct calibrate --q \"w1*w2^2\" --step-sizes 1e-5,1e-4,1e-3 --json
        """
    )

    @OptionGroup var model: ModelOptions

    @Option(help: "Sampler: sgld, mala, sgnht or hmc. Default: the spec's, else the one `rlct llc` would use (mala unless the data are minibatched).")
    var sampler: SamplerKind?

    @Option(name: .customLong("step-sizes"), help: "Comma-separated step sizes.", transform: PositiveNumbers.init(parsing:))
    var stepSizes = PositiveNumbers([1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3])

    @Option(help: "Comma-separated localizations γ (default: the spec's llc.localization, else 1).", transform: PositiveNumbers.init(parsing:))
    var localizations: PositiveNumbers?

    @Option(help: "Comma-separated nβ values (default: the spec's llc.nbeta, else n / log n).", transform: PositiveNumbers.init(parsing:))
    var nbetas: PositiveNumbers?

    /// Chains, draws, burn-in (300 per cell here), thin, seed, batch.
    @OptionGroup var chain: ChainOptions<CalibrationDefaults>

    @Flag(help: "Print the grid and recommendation as JSON.") var json = false
    @Option(help: "Write an SVG of λ̂ against step size to FILE.", transform: OutputTarget.argument("--plot")) var plot: OutputTarget?
    @Flag(help: "No progress line.") var quiet = false

    func run() async throws {
        let experiment = try model.experiment(seed: chain.dataSeed)
        var flags = SamplerOverrides()
        flags.sampler = sampler
        chain.apply(to: &flags)
        let configuration: RunConfiguration
        do {
            configuration = try RunConfiguration.resolve(for: .calibrate, spec: model.spec == nil ? nil : experiment.spec,
                                                         flags: flags, model: experiment.model)
        } catch let error as SpecError {
            throw model.flagError(error)
        }
        let sampler = configuration.sampler.kind
        let steps = stepSizes.values
        let gammas = localizations?.values ?? [configuration.localization]
        let betas = nbetas?.values ?? configuration.nbeta.map { [$0] } ?? []
        var settings = configuration.settings
        settings.adaptStepSize = false
        settings.targetAcceptance = nil
        guard settings.chains >= 2, settings.draws >= 10 else {
            throw ValidationError("--chains ≥ 2 and --draws ≥ 10 are required")
        }
        let cells = steps.count * gammas.count * max(betas.count, 1)
        try model.checkResources(experiment, settings, runs: cells, runsField: "--step-sizes")
        // The cells are independent jobs (docs/cluster.md); in one process they run in turn, as before.
        let queue = try Cluster.queue(concurrency: 1)
        let stepsPerCell = settings.chains * (settings.burnIn + settings.draws * settings.thin)
        let progress = ProgressLine("calibrating", total: cells * stepsPerCell, quiet: quiet || json || !queue.isCoordinator)
        let perStep = queue.ranks == 1
        let stepProgress: (@Sendable (Int) -> Void)? = perStep ? { @Sendable (n: Int) in progress.advance(by: n) } : nil
        let run = CalibrationRun(kind: sampler, stepSizes: steps, localizations: gammas, nbetas: betas, prior: experiment.prior,
                                 start: try model.start(for: experiment, specPoint: configuration.at), settings: settings,
                                 progress: stepProgress)
        let jobs = (0..<cells).map { QueuedJob(index: $0, cost: 1, label: "cell \($0 + 1) of \(cells)") }
        guard let ran = await queue.map(jobs, finished: { _, _ in if !perStep { progress.advance(by: stepsPerCell) } }, { job in
            var cell = run
            cell.onlyCell = job.index
            return try await experiment.model.accept(cell).cells[0]
        }) else { return }  // a worker rank: rank 0 prints and writes
        progress.finish()
        ran.reportSchedule(quiet: quiet || json)
        let calibration = Calibration(cells: try ran.results.map { try $0.mapError { $0.underlying }.get() })
        /// After the result is printed.
        func writeFiles() throws {
            if let plot { try calibration.plot(title: "Calibration: \(experiment.shortName)").write(to: plot) }
        }
        if json {
            print(try JSONOutput.string(calibration), terminator: "")
            try writeFiles()
            return
        }
        print("Calibration of \(sampler.rawValue) on the \(experiment.summary), n = \(experiment.model.sampleCount)")
        print(configuration.provenance.filter { !["step size", "target MCSE", "max draws", "cross-check"].contains($0.name) }
            .settingsText() + "\n")
        print(calibration.table.renderText())
        if let r = calibration.recommended {
            print("recommended: --step-size \(NumberFormat.significant(r.stepSize, digits: 3)) --localization \(NumberFormat.significant(r.localization, digits: 3)) --nbeta \(NumberFormat.significant(r.nbeta, digits: 6))  (λ̂ = \(NumberFormat.significant(r.estimate.llcMean)))")
        }
        print("reason: \(calibration.reason)")
        if let r = calibration.recommended {
            for line in r.estimate.verdict.lines(label: "verdict of the recommended cell") { print(line) }
        }
        try writeFiles()
    }
}
