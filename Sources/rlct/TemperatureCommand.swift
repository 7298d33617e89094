import ArgumentParser
import Estimators
import Experiments
import Foundation
import Reports
import Rendering

/// `rlct temperature`: λ̂ from how E^β[n L_n] changes with the temperature.
struct TemperatureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "temperature",
        abstract: "λ̂ from E^β[n L_n] at several temperatures β = β0/log n: two-temperature (Watanabe), multi-temperature fit, and Imai's β²Var^β[nL_n].",
        discussion: """
        Samples the whole tempered posterior (no localization) at every distinct β0 of \
        --beta0 and --temperatures, with MALA by default (exact), its step adapted during each burn-in \
        (--step-size auto). A fixed --step-size is the step at β = β0₁/log n (the first of \
        --beta0); other temperatures scale it (ε ∝ 1/β, h ∝ 1/√β). The multi-temperature λ̂ is the slope of the \
        weighted least-squares fit E^β[nL_n] ≈ nL_n(w0) + λ/β (weights 1/MCSE²; its error is inflated by √(χ²/dof) when that exceeds 1).

        Exit codes: 0 ok, 2 bad input or a chain diverged (the message says which temperature).

        Examples:
          rlct temperature --polynomial \"w^4\"
          rlct temperature --q \"w1*w2\" --sampler hmc --temperatures 0.5,1,2 --json
        """
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup var samplerOptions: SamplerOptions

    @Option(help: "β0 of the two-temperature estimator, two values (β = β0/log n); Imai's uses the first.",
            transform: PositiveNumbers.init(parsing:))
    var beta0 = PositiveNumbers([1, 1.5])

    @Option(help: "β0 values of the multi-temperature fit (at least 2 distinct).", transform: PositiveNumbers.init(parsing:))
    var temperatures = PositiveNumbers([0.5, 0.75, 1, 1.5, 2])

    @Option(help: "Write an SVG of E^β[n L_n] ± MCSE against 1/β with the fitted line nL_n(w0) + λ/β to FILE.", transform: OutputTarget.argument("--plot"))
    var plot: OutputTarget?

    @Flag(help: "Print the result as JSON.") var json = false
    @Flag(help: "No progress line.") var quiet = false

    func validate() throws {
        let pair = beta0.values
        guard pair.count == 2, pair[0] != pair[1] else { throw ValidationError("--beta0: expected two distinct values, got '\(beta0)'") }
        let list = temperatures.values
        guard Set(list).count >= 2 else { throw ValidationError("--temperatures: the fit needs at least 2 distinct values, got '\(temperatures)'") }
        if samplerOptions.nbeta != nil { throw ValidationError("--nbeta: the temperatures come from --beta0 and --temperatures") }
    }

    func run() async throws {
        let experiment = try model.experiment(seed: samplerOptions.seed)
        let pair = beta0.values
        var configuration = try samplerOptions.resolve(.temperature, for: experiment, model: model)
        let n0 = Double(max(experiment.model.sampleCount, 3))
        let (sampler, settings) = try samplerOptions.wholePosterior(&configuration, nbeta: pair[0] * n0 / log(n0),
                                                                    estimator: .temperature, model: model)
        if sampler.kind == .sgld || sampler.kind == .sgnht {
            FileHandle.standardError.write(Data("warning: \(sampler.kind.rawValue) is not Metropolis-adjusted; its step-size bias enters every temperature (use --sampler mala or hmc)\n".utf8))
        }
        var run = TemperatureLambdaRun(sampler: sampler, prior: experiment.prior,
                                       start: try model.start(for: experiment, specPoint: configuration.at), settings: settings,
                                       beta0: (pair[0], pair[1]), temperatures: temperatures.values)
        try model.checkResources(experiment, settings, runs: run.temperatureCount, runsField: "--temperatures")
        let progress = ProgressLine("sampling \(run.temperatureCount) temperatures", total: run.totalSteps, quiet: quiet || json)
        run.progress = { progress.advance(by: $0) }
        let started = ContinuousClock.now
        let r = try await experiment.model.accept(run)
        progress.finish()
        /// After the result is printed.
        func writeFiles() throws {
            if let plot { try r.plot(title: experiment.shortName).write(to: plot) }
        }
        if json {
            print(try JSONOutput.string(ResultJSON(r, version: RLCTVersion.string, configuration: configuration.provenance, seconds: started.duration(to: .now).seconds)), terminator: "")
            try writeFiles()
            return
        }
        let n = Double(experiment.model.sampleCount)
        print("λ̂ from temperatures, \(experiment.summary), n = \(experiment.model.sampleCount), prior \(experiment.prior), \(sampler.kind.rawValue)")
        print(configuration.provenance.settingsText())
        var draws = Table(title: "E^β[n L_n] at β = β0/log n", "β0", "β", "nβ", "E^β[n L_n]", "± MCSE", "R̂", "verdict")
        for t in r.temperatures {
            draws.append(NumberFormat.significant(t.beta0), NumberFormat.significant(t.beta), NumberFormat.significant(t.beta * n, digits: 6),
                         NumberFormat.significant(t.meanNLoss, digits: 6), NumberFormat.significant(t.error, digits: 2), String(format: "%.3f", t.rhat),
                         t.verdict.description)
        }
        print(draws.renderText(), terminator: "")
        var table = Table(title: "λ̂", columns: [.init("estimator", alignment: .left), .init("λ̂"), .init("± se"), .init("temperatures β0", alignment: .left)])
        table.append("two-temperature", NumberFormat.significant(r.twoTemperature), NumberFormat.significant(r.twoTemperatureError, digits: 2),
                     pair.map { NumberFormat.significant($0) }.joined(separator: ", "))
        table.append("multi-temperature fit", NumberFormat.significant(r.multiTemperature), NumberFormat.significant(r.multiTemperatureError, digits: 2),
                     r.fitBeta0.map { NumberFormat.significant($0) }.joined(separator: ", ")
                        + (r.multiTemperatureChiSquaredPerDof.isFinite ? String(format: " (χ²/dof %.2f)", r.multiTemperatureChiSquaredPerDof) : ""))
        table.append("Imai β²Var[nL_n]", NumberFormat.significant(r.imai), NumberFormat.significant(r.imaiError, digits: 2),
                     NumberFormat.significant(pair[0]))
        print(table.renderText(), terminator: "")
        for line in r.verdict.lines() { print(line) }
        try writeFiles()
    }

}
