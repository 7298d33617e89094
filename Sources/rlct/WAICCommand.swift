import ArgumentParser
import Estimators
import Experiments
import Foundation
import Reports

/// `rlct waic`: WAIC and the singular fluctuation ν from posterior draws.
struct WAICCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waic",
        abstract: "WAIC = T_n + β V_n / n and the singular fluctuation ν̂ = (β/2) V_n (Watanabe 2010) from the posterior at β.",
        discussion: """
        T_n = −(1/n) Σ_i log E_w[p(X_i|w)] (training loss), V_n = Σ_i Var_w[log p(X_i|w)] (functional variance). \
        Samples the whole posterior at nβ = β·n (no localization; --localization is ignored) with --sampler \
        (use mala or hmc) and streams the per-sample log-likelihoods of every draw. Regular models have ν = d/2. \
        Needs a model with data (--q or a spec); a potential (--polynomial) has no per-sample terms.

        Exit codes: 0 ok, 1 a chain diverged, 2 bad input.

        Examples:
          rlct waic --q \"w1*w2\"
          rlct waic --spec Examples/model-linearRegression.json --sampler hmc --json
        """
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup var samplerOptions: SamplerOptions

    @Option(help: "Inverse temperature β of the posterior (nβ = β·n); 1 is the Bayes posterior.")
    var beta: Double = 1

    @Flag(help: "Print the result as JSON.") var json = false
    @Flag(help: "No progress line.") var quiet = false

    func validate() throws {
        guard beta > 0, beta.isFinite else { throw ValidationError("--beta: expected a positive number, got \(beta)") }
        if samplerOptions.nbeta != nil { throw ValidationError("--nbeta: WAIC sets nβ = β·n from --beta") }
    }

    func run() async throws {
        let experiment = try model.experiment(seed: samplerOptions.seed)
        var configuration = try samplerOptions.resolve(.waic, for: experiment, model: model)
        let (sampler, settings) = try samplerOptions.wholePosterior(&configuration, nbeta: beta * Double(experiment.model.sampleCount),
                                                                    estimator: .waic, model: model)
        try model.checkResources(experiment, settings)
        if sampler.kind == .sgld || sampler.kind == .sgnht {
            FileHandle.standardError.write(Data("warning: \(sampler.kind.rawValue) is not Metropolis-adjusted; its step-size bias inflates V_n (use --sampler mala or hmc)\n".utf8))
        }
        let progress = ProgressLine("sampling", total: settings.chains * (settings.burnIn + settings.draws * settings.thin), quiet: quiet || json)
        let run = WAICRun(sampler: sampler, prior: experiment.prior, start: try model.start(for: experiment, specPoint: configuration.at),
                          settings: settings, beta: beta, progress: { progress.advance(by: $0) })
        let started = ContinuousClock.now
        let r = try await experiment.model.accept(run)
        progress.finish()
        if json {
            print(try JSONOutput.string(ResultJSON(r, version: RLCTVersion.string, configuration: configuration.provenance, seconds: started.duration(to: .now).seconds)), terminator: "")
        } else {
            print("WAIC of the \(experiment.summary), n = \(r.samples), β = \(NumberFormat.significant(beta)), nβ = \(NumberFormat.significant(r.nbeta, digits: 6)), prior \(experiment.prior), \(sampler.kind.rawValue), \(r.draws) draws, R̂ = \(String(format: "%.3f", r.rhat))")
            print(configuration.provenance.settingsText())
            var table = Table(columns: [.init("quantity", alignment: .left), .init("value"), .init("± se (over chains)")])
            table.append("WAIC = T_n + β V_n / n", NumberFormat.significant(r.waic, digits: 8), NumberFormat.significant(r.error, digits: 2))
            table.append("n · WAIC", NumberFormat.significant(r.nWAIC, digits: 8), NumberFormat.significant(r.error * Double(r.samples), digits: 2))
            table.append("training loss T_n", NumberFormat.significant(r.trainingLoss, digits: 8), "")
            table.append("functional variance V_n", NumberFormat.significant(r.functionalVariance), "")
            table.append("singular fluctuation ν̂ = (β/2) V_n", NumberFormat.significant(r.singularFluctuation), NumberFormat.significant(r.singularFluctuationError, digits: 2))
            print(table.renderText(), terminator: "")
            for line in r.verdict.lines() { print(line) }
        }
        if r.divergences > 0 {
            FileHandle.standardError.write(Data("error: \(r.divergences) chain(s) diverged and were dropped\n".utf8))
            throw ExitCode(1)
        }
    }
}
