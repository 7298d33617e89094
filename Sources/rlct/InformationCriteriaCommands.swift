import ArgumentParser
import Estimators
import Experiments
import Foundation
import Reports

/// `rlct wbic`: E^β[n L_n] at β = 1/log n, an estimate of F_n that needs no λ.
struct WBICCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wbic",
        abstract: "WBIC = E^β[n L_n(w)] at β = 1/log n (Watanabe 2013): F_n up to O_p(√log n), without knowing λ.",
        discussion: """
        Samples the whole tempered posterior (no localization) with MALA by default, which is exact, its \
        step adapted during burn-in (--step-size auto); --sampler and --step-size as for `rlct llc`. \
        A spec's sampler section is read (its llc section's localization and nβ do not apply here).

        Examples:
          rlct wbic --q "w1*w2"
          rlct wbic --spec Examples/model-linearRegression.json --sampler hmc --json
        """
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup var samplerOptions: SamplerOptions
    @Flag(help: "Print the result as JSON.") var json = false
    @Flag(help: "No progress line.") var quiet = false

    func run() async throws {
        let experiment = try model.experiment(seed: samplerOptions.seed)
        var configuration = try samplerOptions.resolve(.wbic, for: experiment, model: model)
        let n = Double(max(experiment.model.sampleCount, 3))
        let (sampler, settings) = try samplerOptions.wholePosterior(&configuration, nbeta: n / log(n), estimator: .wbic, model: model)
        try model.checkResources(experiment, settings)
        let run = WBICRun(sampler: sampler, prior: experiment.prior,
                          start: try model.start(for: experiment, specPoint: configuration.at), settings: settings)
        let started = ContinuousClock.now
        let r = try await experiment.model.accept(run)
        if json {
            print(try JSONOutput.string(ResultJSON(r, version: RLCTVersion.string, configuration: configuration.provenance, seconds: started.duration(to: .now).seconds)), terminator: "")
        } else {
            print(configuration.provenance.settingsText())
            print("WBIC of the \(experiment.summary): \(NumberFormat.plusMinus(r.wbic, r.error)) (± MCSE), nβ = \(NumberFormat.significant(r.nbeta, digits: 6)), R̂ = \(String(format: "%.4f", r.rhat)), ESS bulk \(String(format: "%.0f", r.essBulk)), tail \(String(format: "%.0f", r.essTail))")
            for line in r.verdict.lines() { print(line) }
        }
        if r.divergences > 0 {
            FileHandle.standardError.write(Data("error: \(r.divergences) chain(s) diverged\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// `rlct bic`: n L_n(ŵ) + (d/2) log n.
struct BICCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bic",
        abstract: "BIC = n L_n(ŵ) + (d/2) log n: right for regular models, off by (d/2 − λ) log n for singular ones.",
        discussion: """
        ŵ is the minimum of L_n found by the minimiser (several starts from the seed).

        Examples:
          rlct bic --q "w1*w2"
          rlct bic --spec Examples/model-linearRegression.json --json
        """
    )

    @OptionGroup var model: ModelOptions
    @Option(help: "Random seed (data for --q, minimiser starts).") var seed: UInt64 = 1
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let experiment = try model.experiment(seed: seed)
        let r = try await experiment.model.accept(BICRun(prior: experiment.prior, seed: seed))
        if json {
            print(try JSONOutput.string(r), terminator: "")
        } else {
            print("BIC of the \(experiment.summary): \(String(format: "%.10g", r.bic)) (n·L_n(ŵ) = \(String(format: "%.10g", r.nLoss)), d = \(r.parameters))")
        }
    }
}
