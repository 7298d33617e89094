import ArgumentParser
import Estimators
import Experiments
import Foundation
import Reports
import Sampling

/// How `rlct free-energy` computes F_n(β): exactly (quadrature, VEGAS) or by
/// thermodynamic integration over a ladder of sampled temperatures.
enum FreeEnergyMethod: String, CaseIterable, ExpressibleByArgument {
    case quadrature, vegas, ti

    /// The exact integrator, or nil for thermodynamic integration.
    var exact: ExactFreeEnergy.Method? {
        switch self {
        case .quadrature: return .quadrature
        case .vegas: return .vegas
        case .ti: return nil
        }
    }
}

/// `rlct free-energy`: F_n(β) = −log ∫ φ exp(−nβ L_n) by quadrature, VEGAS or thermodynamic integration.
struct FreeEnergyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "free-energy",
        abstract: "The tempered free energy F_n(β) = −log ∫ φ(w) exp(−nβ L_n(w)) dw: exact by quadrature (d ≤ 3) or VEGAS (d ≤ 8), or by thermodynamic integration (any d).",
        discussion: """
        quadrature/vegas: the minimum of nβ L_n is found first (Nelder–Mead from several starts) and factored out, so large n does not underflow.

        ti: F_n(β) = ∫_0^β E^β'[n L_n] dβ' on the ladder β_k = β (k/K)^p (K = --rungs, p = --ladder-exponent), \
        sampling the whole posterior at every rung with --sampler (use mala or hmc: SGLD's O(ε) bias enters every rung). \
        --step-size is the step at β; hotter rungs scale it (ε ∝ 1/β, h ∝ 1/√β, capped by the prior's scale), and --adapt tunes each rung. \
        The error combines the chains' MCSEs through the trapezoid weights with |trapezoid − Simpson|. --localization is ignored.

        Exit codes: 0 ok, 1 a chain diverged (ti), 2 bad input.

        Examples:
          rlct free-energy --polynomial \"(w1*w2)^2\"
          rlct free-energy --polynomial \"(w1*w2)^2\" --at w1=0,w2=0 --local-radius 0.5
          rlct free-energy --q w^2 --method ti --sampler mala --rungs 10
        """
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup(title: "Sampler for --method ti (--seed serves every method)") var samplerOptions: SamplerOptions

    @Option(help: "Inverse temperature β (nβ = n·β); 1 is the Bayesian free energy.")
    var beta: Double = 1

    @Option(help: "quadrature (d ≤ 3), vegas (d ≤ 8) or ti (thermodynamic integration, sampled).")
    var method: FreeEnergyMethod = .quadrature

    @Option(name: .customLong("local-radius"), help: "Integrate only over w* ± r (the local free energy; w* from --at). Not with --method ti.")
    var localRadius: Double?

    @Option(help: "ti: the number K of sampled rungs of the ladder (even; plus the prior at β = 0).")
    var rungs: Int = 20

    @Option(name: .customLong("ladder-exponent"), help: "ti: p of the ladder β_k = β (k/K)^p (4–5 puts the rungs where E^β[nL_n] bends).")
    var ladderExponent: Double = 4

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: "ti: write an SVG of the ladder, E^β[n L_n] ± MCSE against β (the integrand of F), to FILE.", transform: OutputTarget.argument("--plot"))
    var plot: OutputTarget?

    @Flag(help: "No progress line.")
    var quiet = false

    func validate() throws {
        guard beta > 0, beta.isFinite else { throw ValidationError("--beta: expected a positive number, got \(beta)") }
        if let r = localRadius, !(r > 0) { throw ValidationError("--local-radius: expected a positive number, got \(r)") }
        guard rungs >= 2, rungs % 2 == 0 else { throw ValidationError("--rungs: expected an even number ≥ 2 (Simpson's rule needs pairs), got \(rungs)") }
        guard ladderExponent >= 1, ladderExponent.isFinite else { throw ValidationError("--ladder-exponent: expected a number ≥ 1, got \(ladderExponent)") }
        if samplerOptions.nbeta != nil { throw ValidationError("--nbeta: free-energy sets its temperatures from --beta (and the ladder for --method ti)") }
        if method == .ti, localRadius != nil { throw ValidationError("--local-radius: not available with --method ti (use quadrature or vegas)") }
        if method != .ti, plot != nil {
            throw ValidationError("--plot: only --method ti has a curve to plot (its β ladder); F against n is `rlct fit-free-energy --plot`")
        }
    }

    func run() async throws {
        let experiment = try model.experiment(seed: samplerOptions.seed)
        guard let exact = method.exact else { return try await runThermodynamicIntegration(experiment) }
        let run = FreeEnergyRun(beta: beta, method: exact, prior: experiment.prior, localRadius: localRadius,
                                center: try model.point(for: experiment), seed: samplerOptions.seed)
        let r = try await experiment.model.accept(run)
        if json {
            print(try JSONOutput.string(r), terminator: "")
            return
        }
        print("F_n(β) of the \(experiment.summary)")
        print("n = \(experiment.model.sampleCount), β = \(NumberFormat.significant(beta)), nβ = \(NumberFormat.significant(r.nbeta, digits: 6)), prior \(experiment.prior), \(method.rawValue)")
        print("F = \(String(format: "%.10g", r.freeEnergy)) ± \(NumberFormat.significant(r.error, digits: 2))")
        print("min nβ·L_n = \(String(format: "%.10g", r.minimumEnergy)) at (\(r.minimizer.map { NumberFormat.significant($0) }.joined(separator: ", ")))")
        if let chi = r.chiSquaredPerDof { print(String(format: "VEGAS χ²/dof = %.3f", chi)) }
    }

    func runThermodynamicIntegration(_ experiment: Experiment) async throws {
        var configuration = try samplerOptions.resolve(.thermodynamicIntegration, for: experiment, model: model)
        let (sampler, settings) = try samplerOptions.wholePosterior(&configuration, nbeta: beta * Double(experiment.model.sampleCount),
                                                                    estimator: .thermodynamicIntegration, model: model)
        if sampler.kind == .sgld || sampler.kind == .sgnht {
            FileHandle.standardError.write(Data("warning: \(sampler.kind.rawValue) is not Metropolis-adjusted; its step-size bias enters every rung (use --sampler mala or hmc)\n".utf8))
        }
        var run = ThermodynamicIntegrationRun(sampler: sampler, prior: experiment.prior,
                                              start: try model.start(for: experiment, specPoint: configuration.at), settings: settings,
                                              beta: beta, rungs: rungs, exponent: ladderExponent)
        try model.checkResources(experiment, settings, runs: rungs, runsField: "--rungs")
        let progress = ProgressLine("thermodynamic integration", total: run.totalSteps, quiet: quiet || json)
        run.progress = { progress.advance(by: $0) }
        let started = ContinuousClock.now
        let r = try await experiment.model.accept(run)
        progress.finish()
        if json {
            print(try JSONOutput.string(ResultJSON(r, version: RLCTVersion.string, configuration: configuration.provenance, seconds: started.duration(to: .now).seconds)), terminator: "")
        } else {
            var table = Table(title: "Ladder β_k = β (k/\(rungs))^\(NumberFormat.significant(ladderExponent, digits: 2)) (β = 0: the prior, sampled exactly)",
                              "β", "nβ", "E^β[n L_n]", "± MCSE", "weight", "R̂", "step", "acceptance", "verdict")
            for rung in r.ladder {
                table.append(NumberFormat.significant(rung.beta), NumberFormat.significant(rung.beta * Double(experiment.model.sampleCount)),
                             NumberFormat.significant(rung.meanNLoss, digits: 6), NumberFormat.significant(rung.error, digits: 2),
                             NumberFormat.significant(rung.weight, digits: 3), rung.rhat.map { String(format: "%.3f", $0) } ?? "—",
                             rung.stepSize.map { NumberFormat.significant($0, digits: 2) } ?? "—",
                             rung.acceptance.map { String(format: "%.2f", $0) } ?? "—", rung.verdict?.description ?? "—")
            }
            print("F_n(β) of the \(experiment.summary) by thermodynamic integration")
            print("n = \(experiment.model.sampleCount), β = \(NumberFormat.significant(beta)), nβ = \(NumberFormat.significant(r.nbeta, digits: 6)), prior \(experiment.prior), \(sampler.kind.rawValue)")
            print(configuration.provenance.settingsText())
            print(table.renderText(), terminator: "")
            print("F = \(NumberFormat.plusMinus(r.freeEnergy, r.error)) (trapezoid; sampling \(NumberFormat.significant(r.samplingError, digits: 2)), discretization |trapezoid − Simpson| \(NumberFormat.significant(r.discretizationError, digits: 2)))")
            for line in r.verdict.lines() { print(line) }
        }
        if let plot {
            // The β = 0 rung (the prior) has no place on a log axis; its weight is 0 for p > 1.
            let rungs = r.ladder.filter { $0.beta > 0 }
            var figure = Plot(title: "Thermodynamic integration, \(experiment.shortName)", xLabel: "β",
                              yLabel: "E^β[n L_n]", xScale: .log, yScale: rungs.allSatisfy { $0.meanNLoss > 0 } ? .log : .linear)
            figure.series.append(.init("E^β[n L_n] ± MCSE (F = \(NumberFormat.plusMinus(r.freeEnergy, r.error)))", x: rungs.map(\.beta),
                                       y: rungs.map(\.meanNLoss), yError: rungs.map(\.error)))
            try figure.write(to: plot)
        }
        if r.divergences > 0 {
            FileHandle.standardError.write(Data("error: \(r.divergences) chain(s) diverged and were dropped\n".utf8))
            throw ExitCode(1)
        }
    }
}
