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

        Defaults: MALA (exact) unless the data are minibatched (then SGLD); --step-size auto \
        (MALA adapts during burn-in, SGLD runs a short pilot down a ladder of steps and takes the \
        largest on the λ̂ plateau); the chains are extended until the MCSE is 2% of |λ̂| \
        (--target-mcse) or --max-draws. A spec's sampler and llc sections are read; flags override \
        them; the output lists every setting with its source.

        --checkpoints DIR (the output of `rlct train`) or FILE,FILE… estimates λ̂ ± MCSE at every \
        checkpoint, each centred at its own weights (read by nn.Sequential names 0.weight, 0.bias, \
        2.weight, …), all with the same chain seeds, checkpoints in parallel (the numbers do not \
        depend on the number of threads); the table has step, train loss, λ̂ ± MCSE and the verdict; \
        --plot draws λ̂ with MCSE bars and the train loss (right axis) against the step, --csv FILE \
        writes the rows. --optimize-center reports how far w* moved and |∇L_n| before and after.

        Exit codes: 0 ok, 1 a chain diverged (unless --allow-divergent), 2 bad input.

        Examples:
          rlct llc --polynomial \"(w1*w2)^2\"
          rlct llc --polynomial \"(w1*w2)^2\" --sampler sgld --step-size 1e-4 --target-mcse 0
          rlct llc --q \"w1*w2^2\" --at w1=0,w2=0.5 --plot llc.svg
          rlct llc --spec Examples/model-reducedRankRegression.json --sampler mala --step-size 3e-4 --optimize-center --quiet
          rlct llc --spec Examples/iris-mlp.json --weights Examples/data/iris-mlp.safetensors
          rlct llc --polynomial \"(w1*w2)^2\" --sampler mala --step-size 0.3 --localization 0 --nbeta-sweep 1e1,1e4,7 --draws 20000 --thin 5 --burn-in 10000
          rlct llc --spec Examples/model-mlp.json --checkpoints run1 --plot curve.svg --csv curve.csv
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

    @Option(name: .customLong("nbeta-sweep"), help: ArgumentHelp("λ and m from the LLC at log-spaced nβ from LO to HI (POINTS of them, default 2 per decade + 1), fitted to λ − (m−1)/(log nβ + κ); --step-size is the step at LO, scaled as 1/nβ.", valueName: "LO,HI[,POINTS]"), transform: NumberList.init(parsing:))
    var nbetaSweep: NumberList?

    @Option(help: ArgumentHelp("λ̂ at every checkpoint of a training run: a directory of `rlct train` checkpoints (*.safetensors, *.npz) or a comma-separated list of weights files; each estimate is centred at its own weights, with the same chain seeds.", valueName: "DIR|FILE,FILE…"))
    var checkpoints: String?

    @Option(help: "With --checkpoints: write the curve (one row per checkpoint) as CSV to FILE.", transform: OutputTarget.argument("--csv"))
    var csv: OutputTarget?

    func run() async throws {
        if let checkpoints { return try await runCurve(checkpoints) }
        if csv != nil { throw ValidationError("--csv writes the curve of --checkpoints; give --checkpoints DIR") }
        if let nbetaSweep { return try await runSweep(nbetaSweep) }
        let experiment = try model.experiment(seed: samplerOptions.seed)
        var configuration = try samplerOptions.resolve(.llc, for: experiment, model: model)
        configuration.settings.recordPositions = traceParameters
        try model.checkResources(experiment, configuration.settings)
        let center = try model.center(for: experiment, specPoint: configuration.at)
        let request = LLCRequest(configuration, prior: experiment.prior, start: StartPoint.given(center).optimized(optimizeCenter))
        configuration.provenance.append(ResolvedSetting(
            name: "prior", value: "\(experiment.prior)", source: model.prior != nil ? .flag : model.spec != nil && experiment.spec.prior != nil ? .spec : .default))
        let origin: (String, SettingSource) = model.at != nil ? ("the --at point", .flag)
            : model.weights != nil ? ("the --weights file", .flag)
            : configuration.at != nil ? ("llc.at", .spec) : experiment.truth != nil ? ("the truth", model.spec != nil ? .spec : .default) : ("the origin", .default)
        configuration.provenance.append(ResolvedSetting(
            name: "center", value: origin.0 + (optimizeCenter ? ", moved to the local minimum of L_n" : ""),
            source: optimizeCenter ? .flag : origin.1))
        let settings = configuration.settings
        // w* on the edge of a uniform prior: the estimate is not the analytic λ.
        if let warning = experiment.priorBoundaryWarning(at: center, label: model.at == nil && model.weights == nil && configuration.at == nil && experiment.truth != nil ? "the truth" : "w*") {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        let steps = settings.chains * (settings.burnIn + settings.draws * settings.thin)
        let progress = ProgressLine("sampling", total: steps, quiet: quiet || json)
        let run = LLCRun(request: request, title: "LLC of the \(experiment.summary)", progress: { progress.advance(by: $0) },
                         expectSteps: { progress.grow(by: $0) })
        var report = try await experiment.model.accept(run)
        progress.finish()
        report.configuration = configuration.provenance
        if let pilot = report.pilot { configuration.recordStepSize(pilot.stepSize, how: "pilot") }
        else if let adapted = report.adaptedStepSizes, let first = adapted.first { configuration.recordStepSize(first, how: "adapted during burn-in") }
        report.configuration = configuration.provenance

        if json {
            print(try JSONOutput.string(LLCJSON(report, version: RLCTVersion.string)), terminator: "")
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
