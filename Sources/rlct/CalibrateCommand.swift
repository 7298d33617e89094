import ArgumentParser
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
        A cell is usable when no chain diverged, R̂ ≤ 1.05, the bulk ESS per chain is ≥ 50, the standard \
        error is ≤ 10% of λ̂, λ̂ ≥ 0 and the step is accurate (MALA/HMC acceptance in its band; for SGLD the \
        MALA acceptance of its steps ≥ 0.9). Neighbouring usable step sizes whose λ̂ agree within 2 \
        standard errors and 5% form the plateau; the recommendation is the largest plateau step at the \
        smallest localization that has one.
        """
    )

    @OptionGroup var model: ModelOptions

    @Option(help: "Sampler: sgld, mala, sgnht or hmc.")
    var sampler: SamplerKind = .sgld

    @Option(name: .customLong("step-sizes"), help: "Comma-separated step sizes.")
    var stepSizes: String = "1e-6,3e-6,1e-5,3e-5,1e-4,3e-4,1e-3,3e-3"

    @Option(help: "Comma-separated localizations γ.")
    var localizations: String = "1"

    @Option(help: "Comma-separated nβ values (default n / log n).")
    var nbetas: String?

    @Option(help: "Chains per cell.") var chains: Int = 4
    @Option(help: "Draws per chain per cell.") var draws: Int = 2000
    @Option(name: .customLong("burn-in"), help: "Burn-in steps per chain.") var burnIn: Int = 300
    @Option(help: "Steps between draws.") var thin: Int = 10
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Minibatch size for SGLD/SGNHT (default: full batch).") var batch: Int?

    @Flag(help: "Print the grid and recommendation as JSON.") var json = false
    @Option(help: "Write an SVG of λ̂ against step size to FILE.", transform: OutputTarget.argument("--plot")) var plot: OutputTarget?
    @Flag(help: "No progress line.") var quiet = false

    static func list(_ text: String, flag: String) throws -> [Double] {
        let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! > 0 && $0!.isFinite }) else {
            throw ValidationError("\(flag): expected a comma-separated list of positive numbers, got '\(text)'")
        }
        return values.map { $0! }
    }

    func run() async throws {
        let experiment = try model.experiment(seed: seed)
        let steps = try Self.list(stepSizes, flag: "--step-sizes")
        let gammas = try Self.list(localizations, flag: "--localizations")
        let betas = try nbetas.map { try Self.list($0, flag: "--nbetas") } ?? []
        guard chains >= 2, draws >= 10, burnIn >= 0, thin >= 1 else {
            throw ValidationError("--chains ≥ 2, --draws ≥ 10, --burn-in ≥ 0 and --thin ≥ 1 are required")
        }
        var settings = ChainSettings()
        settings.chains = chains; settings.draws = draws; settings.burnIn = burnIn; settings.thin = thin
        settings.seed = seed; settings.batchSize = batch
        let cells = steps.count * gammas.count * max(betas.count, 1)
        try model.checkResources(experiment, settings, runs: cells, runsField: "--step-sizes")
        let progress = ProgressLine("calibrating", total: cells * chains * (burnIn + draws * thin), quiet: quiet || json)
        let run = CalibrationRun(kind: sampler, stepSizes: steps, localizations: gammas, nbetas: betas, prior: experiment.prior,
                                 start: .given(try model.point(for: experiment)), settings: settings, progress: { progress.advance(by: $0) })
        let calibration = try await experiment.model.accept(run)
        progress.finish()
        /// After the result is printed.
        func writeFiles() throws {
            if let plot { try calibration.plot(title: "Calibration: \(experiment.summary)").write(to: plot) }
        }
        if json {
            print(try JSONOutput.string(calibration), terminator: "")
            try writeFiles()
            return
        }
        print("Calibration of \(sampler.rawValue) on the \(experiment.summary), n = \(experiment.model.sampleCount)\n")
        print(calibration.table.renderText())
        if let r = calibration.recommended {
            print("recommended: --step-size \(NumberFormat.significant(r.stepSize, digits: 3)) --localization \(NumberFormat.significant(r.localization, digits: 3)) --nbeta \(NumberFormat.significant(r.nbeta, digits: 6))  (λ̂ = \(NumberFormat.significant(r.estimate.llcMean)))")
        }
        print("reason: \(calibration.reason)")
        try writeFiles()
    }
}
