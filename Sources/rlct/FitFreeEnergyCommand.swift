import ArgumentParser
import Estimators
import Experiments
import Foundation
import Models
import Reports
import Rendering

/// The n grid the free-energy-against-n commands share (--n-min, --n-max, --points).
struct NGridOptions: ParsableArguments {
    @Option(name: .customLong("n-min"), help: "The smallest n of the grid.")
    var nMin: Double = 100

    @Option(name: .customLong("n-max"), help: "The largest n (default 10⁶; for --spec data, at most the data size, which is the default when smaller).")
    var nMax: Double?

    func validate() throws {
        guard nMin >= 2, nMin.isFinite else { throw ValidationError("--n-min: expected a number ≥ 2, got \(nMin)") }
        if let nMax, !(nMax > nMin && nMax.isFinite && nMax <= 1e15) {
            throw ValidationError("--n-max: expected a number above --n-min = \(NumberFormat.significant(nMin)) and at most 1e15, got \(nMax)")
        }
    }

    /// The checks every command over the grid makes: a positive β, at least
    /// `minimumPoints` values of n, and nβ > e at the smallest n (log log(nβ) > 0).
    func validate(beta: Double, points: Int, minimumPoints: Int, why: String) throws {
        guard beta > 0, beta.isFinite else { throw ValidationError("--beta: expected a positive number, got \(beta)") }
        guard points >= minimumPoints else { throw ValidationError("--points: expected at least \(minimumPoints)\(why), got \(points)") }
        guard nMin * beta > exp(1) else {
            throw ValidationError("--n-min: log log(nβ) needs nβ > e, got n-min·β = \(NumberFormat.significant(nMin * beta))")
        }
    }

    /// n as an integer up to 10⁷, else as 1.0e+08.
    static func format(_ n: Double) -> String {
        n < 1e7 ? String(Int(n)) : String(format: "%.1e", n)
    }

    /// The experiment with its data drawn at the grid's largest n (--q), or
    /// the spec's data, and the grid (`points` log-spaced values).
    func experiment(_ options: ModelOptions, points: Int, seed: UInt64) throws -> (Experiment, [Double]) {
        guard options.n == 10_000 else {
            throw ValidationError("--n: not used here; the n grid is --n-min … --n-max (with --points values)")
        }
        var options = options
        let requested = nMax ?? 1e6
        if options.spec == nil, options.q != nil { options.n = Int(requested) }
        let experiment = try options.experiment(seed: seed)
        var top = requested
        if experiment.model.hasPerSampleData, nMax == nil {
            top = min(requested, Double(experiment.model.sampleCount))
        }
        guard top > nMin else {
            throw ValidationError("--n-min: \(NumberFormat.significant(nMin)) is not below the largest n, \(NumberFormat.significant(top))")
        }
        return (experiment, try FreeEnergyFit.grid(nMin: nMin, nMax: top, points: points))
    }
}

/// `rlct fit-free-energy`: λ̂ and m̂ from F_n against n, each F_n exact.
struct FitFreeEnergyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit-free-energy",
        abstract: "λ and m from the exact free energy against n: F_n − nβL_n(ŵ) ≈ λ log n − (m − 1) log log n + c.",
        discussion: """
        Each F_n is exact (quadrature, d ≤ 3) on a log-spaced grid of n; the fit is weighted least squares with the \
        quadrature errors (floored at 1e-6 relative) as σ, and its standard errors are scaled by √(χ²/dof) when that \
        exceeds 1 (the fit's model leaves out O(1/log n) terms). --polynomial integrates the potential at nβ = n·β; \
        --q draws the data once at n-max and uses the first n samples for each smaller n; --spec uses the spec's data \
        the same way. For m > 1 the O(1/log n) term biases m̂ downwards over 10²…10⁶ (docs/estimators.md); --next-order \
        fits it too. \(CommandLineModel.help)

        Examples:
          rlct fit-free-energy --polynomial \"(w1*w2)^2\" --plot fit.svg
          rlct fit-free-energy --q \"w1*w2\" --n-max 100000 --points 12 --json
        """
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup var range: NGridOptions

    @Option(help: "Number of n values, log-spaced.")
    var points: Int = 13

    @Option(help: "Inverse temperature β (nβ = n·β); 1 is the Bayesian free energy.")
    var beta: Double = 1

    @Flag(name: .customLong("next-order"), help: "Add a c₁/log(nβ) term to the fit (less biased m̂ when m > 1).")
    var nextOrder = false

    @Option(help: "Random seed (data for --q, minimiser starts).")
    var seed: UInt64 = 1

    @Option(help: "Write an SVG plot of F_n − nβL_n against n with the fit and the BIC line (d/2) log n.", transform: OutputTarget.argument("--plot"))
    var plot: OutputTarget?

    @Flag(help: "Print the result as JSON.") var json = false
    @Flag(help: "No progress line.") var quiet = false

    func validate() throws {
        try range.validate(beta: beta, points: points, minimumPoints: 5, why: " (the fit has up to 4 coefficients)")
    }

    func run() async throws {
        let (experiment, grid) = try range.experiment(model, points: points, seed: seed)
        let progress = ProgressLine("quadrature over n", total: grid.count, quiet: quiet)
        let run = FreeEnergyFitRun(grid: grid, beta: beta, prior: experiment.prior, nextOrder: nextOrder, seed: seed,
                                   progress: { progress.advance() })
        let r = try await experiment.model.accept(run)
        progress.finish()
        /// After the result is printed.
        func writeFiles() throws {
            if let plot { try r.plot(dimension: experiment.model.dimension, title: experiment.shortName).write(to: plot) }
        }
        if json {
            print(try JSONOutput.string(r), terminator: "")
            try writeFiles()
            return
        }
        print("F_n against n for the \(experiment.summary); prior \(experiment.prior), β = \(NumberFormat.significant(beta))")
        var t = Table("n", "F_n", "± err", "nL_n(ŵ)", "F_n − nβL_n")
        for p in r.points {
            t.append(NGridOptions.format(p.n), String(format: "%.8g", p.freeEnergy), NumberFormat.significant(p.error, digits: 2),
                     String(format: "%.6g", p.nLoss), String(format: "%.8g", p.freeEnergy - beta * p.nLoss))
        }
        print(t.renderText(), terminator: "")
        print("λ̂ = \(NumberFormat.plusMinus(r.lambda, r.lambdaError)), m̂ = \(NumberFormat.plusMinus(r.multiplicity, r.multiplicityError)) (rounds to m = \(r.multiplicityRounded)), c = \(NumberFormat.significant(r.constant))"
              + (r.nextOrder.map { ", c₁/log n: c₁ = \(NumberFormat.significant($0))" } ?? ""))
        print(r.errorsScaled
              ? "errors scaled by √(χ²/dof) = \(NumberFormat.significant(r.chiSquaredPerDof.squareRoot(), digits: 3)) (the residuals exceed the quadrature errors)"
              : "χ²/dof = \(NumberFormat.significant(r.chiSquaredPerDof, digits: 3)) (errors not scaled)")
        try writeFiles()
    }

}
