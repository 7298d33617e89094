import ArgumentParser
import Estimators
import Experiments
import Foundation
import Reports
import Rendering

extension VolumeScaling.Method: ExpressibleByArgument {}

/// `rlct volume`: λ and m from the scaling of V(ε) = ∫_{K − K(w*) < ε} φ.
struct VolumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volume",
        abstract: "λ and m from the volume scaling V(ε) = ∫_{K(w)−K(w*)<ε} φ(w) dw ≈ c ε^λ (−log ε)^(m−1).",
        discussion: """
        V(ε) is computed on --points log-spaced ε from --epsilon-max down to --epsilon-min, by \
        iterated quadrature with exact level-set roots on the innermost line (d ≤ 3, the default \
        there) or by nested sampling (--method montecarlo, the default for d > 3: --replicates \
        independent runs of --live-points live points). Then log V = log c + λ log ε + \
        (m − 1) log(−log ε) is fitted by weighted least squares; the plain log-log slope, biased \
        low when m > 1, is printed beside it.

        K is the model's loss: for --polynomial the potential itself; for --q or a regression \
        --spec the empirical L_n(w) − L_n(w*), which follows the population K only for ε well \
        above 1/n. w* is --at, else the spec's truth, else the origin. The tool refuses (exit 2) \
        when L_n dips below L_n(w*) by more than a tenth of --epsilon-min in the box.

        JSON keys: lambda, lambda_error, multiplicity, multiplicity_error, multiplicity_rounded, \
        slope, slope_error, log_constant, chi_squared_per_dof, points[] (epsilon, volume, error), \
        method, center, reference_loss, lower, upper, live_points, replicates (Monte Carlo).

        Examples:
          rlct volume --polynomial "(w1*w2)^2" --plot volume.svg
        """
    )

    @OptionGroup var model: ModelOptions

    @Option(name: .customLong("local-radius"), help: "Integrate only over w* ± r (the local volume; w* from --at).")
    var localRadius: Double?

    @Option(name: .customLong("epsilon-min"), help: "Smallest ε of the grid.")
    var epsilonMin: Double = 1e-10

    @Option(name: .customLong("epsilon-max"), help: "Largest ε of the grid (below 1).")
    var epsilonMax: Double = 1e-2

    @Option(help: "Number of log-spaced ε values (≥ 4).")
    var points: Int = 25

    @Option(help: "quadrature (d ≤ 3) or montecarlo (any d); default quadrature for d ≤ 3.")
    var method: VolumeScaling.Method?

    @Option(name: .customLong("live-points"), help: "Monte Carlo: live points per nested-sampling run.")
    var livePoints: Int = 500

    @Option(help: "Monte Carlo: independent nested-sampling runs (their spread sets the errors).")
    var replicates: Int = 4

    @Option(help: "Random seed (data for --q, and Monte Carlo).")
    var seed: UInt64 = 1

    @Flag(help: "Data models: the level sets of the population loss K(w) = L(w) − L(w0) (closed form on synthetic data) instead of L_n(w) − L_n(w*), whose noise stops them shrinking below ε ≈ 1/n.")
    var population = false

    @Flag(help: "Print the result as JSON (keys above).")
    var json = false

    @Option(help: "Write an SVG of V(ε) and the fit (log-log) to FILE.", transform: OutputTarget.argument("--plot"))
    var plot: OutputTarget?

    @Flag(help: "No progress line.")
    var quiet = false

    func validate() throws {
        guard epsilonMin > 0, epsilonMin.isFinite else { throw ValidationError("--epsilon-min: expected a positive number, got \(epsilonMin)") }
        guard epsilonMax < 1, epsilonMax.isFinite else { throw ValidationError("--epsilon-max: expected a number below 1, got \(epsilonMax)") }
        guard epsilonMin < epsilonMax else {
            throw ValidationError("--epsilon-min (\(epsilonMin)) must be smaller than --epsilon-max (\(epsilonMax))")
        }
        guard points >= 4, points <= 1000 else { throw ValidationError("--points: expected an integer from 4 to 1000, got \(points)") }
        if let r = localRadius, !(r > 0 && r.isFinite) { throw ValidationError("--local-radius: expected a positive number, got \(r)") }
        guard livePoints >= 20 else { throw ValidationError("--live-points: expected at least 20, got \(livePoints)") }
        guard replicates >= 2 else { throw ValidationError("--replicates: expected at least 2, got \(replicates)") }
    }

    func run() async throws {
        let experiment = try model.experiment(seed: seed)
        let epsilons = VolumeScaling.grid(minimum: epsilonMin, maximum: epsilonMax, count: points)
        var run = VolumeRun(prior: experiment.prior, localRadius: localRadius, center: try model.point(for: experiment),
                            epsilons: epsilons, method: method, seed: seed, livePoints: livePoints, replicates: replicates)
        run.population = population
        let resolved = run.resolvedMethod(dimension: experiment.model.dimension)
        let progress = ProgressLine(resolved == .quadrature ? "quadrature" : "nested sampling",
                                    total: resolved == .quadrature ? points : replicates, quiet: quiet || json)
        run.progress = { progress.advance(by: $0) }
        let r = try await experiment.model.accept(run)
        progress.finish()
        /// After the result is printed.
        func writeFiles() throws {
            if let plot { try r.plot(title: experiment.shortName).write(to: plot) }
        }
        if json {
            print(try JSONOutput.string(r), terminator: "")
            try writeFiles()
            return
        }
        let names = experiment.model.parameterNames
        let at = zip(names, r.center).map { "\($0) = \(NumberFormat.significant($1))" }.joined(separator: ", ")
        print("Volume scaling V(ε) = ∫_{K − K(w*) < ε} φ(w) dw of the \(experiment.summary)"
              + (population ? ", K the population loss" : ""))
        var setting = "w* = (\(at)), K(w*) = \(NumberFormat.significant(r.referenceLoss, digits: 6)), prior \(experiment.prior)"
        if let radius = localRadius { setting += ", local radius \(NumberFormat.significant(radius))" }
        print(setting + ", \(r.method.rawValue)" + (r.livePoints.map { " (\(r.replicates ?? 0) runs × \($0) live points)" } ?? ""))
        let fit = r.fit
        var table = Table(title: nil, "ε", "V(ε)", "± error", "fit c·ε^λ(−log ε)^(m−1)")
        for p in r.points {
            table.append(NumberFormat.significant(p.epsilon, digits: 3), NumberFormat.significant(p.volume, digits: 8),
                         NumberFormat.significant(p.error, digits: 2), NumberFormat.significant(fit.volume(at: p.epsilon), digits: 6))
        }
        print(table.renderText())
        print("λ̂ = \(NumberFormat.plusMinus(r.lambda, r.lambdaError)), m̂ = \(NumberFormat.plusMinus(r.multiplicity, r.multiplicityError)) (rounds to m = \(r.multiplicityRounded)), plain slope \(NumberFormat.plusMinus(r.slope, r.slopeError))")
        print("fit χ²/dof = \(NumberFormat.significant(r.chiSquaredPerDof, digits: 3)) (errors scaled by √(χ²/dof) when above 1)")
        try writeFiles()
    }

}
