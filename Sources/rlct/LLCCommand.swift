import ArgumentParser
import Estimators
import Experiments
import Foundation
import Reports

/// `rlct llc`: the local learning coefficient with diagnostics.
struct LLCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llc",
        abstract: "Estimate the local learning coefficient λ̂(w*) = nβ (E[L_n] − L_n(w*)) with diagnostics.",
        discussion: """
        --polynomial "<K>" samples exp(−nβ K(w)) (a potential, full gradient); --q "<Q>" samples \
        the seeds' regression model y = Q(w)·x + ε on n synthetic samples, with minibatches of --batch. \
        Both use the uniform prior on [−1, 1]^d unless --prior says otherwise.

        Exit codes: 0 ok, 1 a chain diverged (unless --allow-divergent), 2 bad input.

        Examples:
          rlct llc --polynomial \"(w1*w2)^2\" --sampler mala --step-size 1e-3
          rlct llc --q \"w1*w2^2\" --at w1=0,w2=0.5 --plot llc.svg
          rlct llc --spec Examples/model-reducedRankRegression.json --sampler mala --step-size 3e-4 --optimize-center --quiet
        """
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup var samplerOptions: SamplerOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: "Write per-draw losses (chain, draw, loss) as CSV to FILE.", transform: OutputTarget.argument("--trace"))
    var trace: OutputTarget?

    @Flag(name: .customLong("trace-parameters"), help: "Also write the parameters at every draw to the --trace file.")
    var traceParameters = false

    @Option(help: "Write an SVG of the running λ̂ of each chain to FILE.", transform: OutputTarget.argument("--plot"))
    var plot: OutputTarget?

    @Flag(name: .customLong("optimize-center"), help: "Move w* (the truth or --at) to the local minimum of L_n by gradient descent first, as for trained weights.")
    var optimizeCenter = false

    @Flag(name: .customLong("allow-divergent"), help: "Exit 0 even if some chains diverged.")
    var allowDivergent = false

    @Flag(help: "No progress line.")
    var quiet = false

    func run() async throws {
        var settings = samplerOptions.settings
        settings.recordPositions = traceParameters
        let experiment = try model.experiment(seed: samplerOptions.seed, sampling: settings)
        let center = try model.point(for: experiment)
        let request = LLCRequest(sampler: samplerOptions.configuration, nbeta: samplerOptions.nbeta,
                                 localization: samplerOptions.localization, prior: experiment.prior,
                                 start: .given(center).optimized(optimizeCenter), settings: settings)
        // w* on the edge of a uniform prior: the estimate is not the analytic λ.
        if let warning = experiment.priorBoundaryWarning(at: center, label: model.at == nil && experiment.truth != nil ? "the truth" : "w*") {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        let steps = settings.chains * (settings.burnIn + settings.draws * settings.thin)
        let progress = ProgressLine("sampling", total: steps, quiet: quiet || json)
        let run = LLCRun(request: request, title: "LLC of the \(experiment.summary)", progress: { progress.advance(by: $0) })
        let report = try await experiment.model.accept(run)
        progress.finish()

        if json {
            print(try JSONOutput.string(report.estimate), terminator: "")
        } else {
            print(report.renderText(), terminator: "")
        }
        var files = OutputWrites()
        files.write(trace) { report.traceCSV() }
        files.write(plot) { report.plot().renderSVG() }
        if !report.estimate.divergences.isEmpty {
            for d in report.estimate.divergences {
                FileHandle.standardError.write(Data("error: \(d)\n".utf8))
            }
            if !allowDivergent { throw ExitCode(1) }
        }
        try files.finish()
    }
}
