import ArgumentParser
import Estimators
import Experiments
import Foundation
import Models
import Reports
import Rendering

/// `rlct phases`: posterior mass of neighbourhoods of several minima against n.
struct PhasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phases",
        abstract: "Bayesian phase transitions: the posterior mass of neighbourhoods W_α of minima w_α against n, and the crossover n*.",
        discussion: """
        --phases lists the neighbourhoods as CENTRE:RADIUS separated by ';', CENTRE as name=value pairs (parameters \
        not named are 0), e.g. --phases "w=-1:0.5;w=1:0.5" or "w1=0,w2=1:0.3;w1=1,w2=0:0.3". Each is the box \
        centre ± radius cut to the prior's box; they must be disjoint. The masses are exact (quadrature of each box over \
        the whole prior box). λ_α and m_α are fitted to the local free energies over the grid (as fit-free-energy does) \
        unless --lambdas (and --multiplicities) give them. The predicted crossover solves \
        nβL_α + λ_α log(nβ) − (m_α − 1) log log(nβ) equal between phases (the O(1) constants dropped); the observed one \
        is where the exact masses cross, interpolated in log n. \(CommandLineModel.help)

        Examples:
          rlct phases --polynomial \"(w+1)^2*(w-1)^4\" --phases \"w=-1:0.5;w=1:0.5\"
          rlct phases --q \"(w+1)*(w-1)^2\" --phases \"w=-1:0.5;w=1:0.5\" --plot ph.svg
        """
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup var range: NGridOptions

    @Option(parsing: .unconditional, help: "The neighbourhoods: CENTRE:RADIUS;CENTRE:RADIUS…, e.g. \"w=-1:0.5;w=1:0.5\".")
    var phases: String

    @Option(help: "Number of n values, log-spaced.")
    var points: Int = 25

    @Option(help: "Inverse temperature β (nβ = n·β).")
    var beta: Double = 1

    @Option(help: "λ_α of each phase, comma-separated (default: fitted to the local free energies).", transform: NumberList.init(parsing:))
    var lambdas: NumberList?

    @Option(help: "m_α of each phase, comma-separated (with --lambdas; default 1 each).", transform: NumberList.init(parsing:))
    var multiplicities: NumberList?

    @Option(help: "Random seed (data for --q, minimiser starts).")
    var seed: UInt64 = 1

    @Option(help: "Write an SVG plot of each phase's posterior mass against n.", transform: OutputTarget.argument("--plot"))
    var plot: OutputTarget?

    @Flag(help: "Print the result as JSON.") var json = false
    @Flag(help: "No progress line.") var quiet = false

    func validate() throws {
        try range.validate(beta: beta, points: points, minimumPoints: 5, why: "")
        if multiplicities != nil, lambdas == nil { throw ValidationError("--multiplicities: give --lambdas with it") }
    }

    /// --lambdas and --multiplicities as coefficients (nil: fit them).
    func given() throws -> [PhaseTransition.Coefficient]? {
        guard let lambdas else { return nil }
        func nonNegative(_ list: NumberList, flag: String) throws -> [Double] {
            if let i = list.values.firstIndex(where: { $0 < 0 }) {
                throw ValidationError("\(flag): item \(i + 1) '\(list.values[i])' is not a non-negative number")
            }
            return list.values
        }
        let l = try nonNegative(lambdas, flag: "--lambdas")
        let m = try multiplicities.map { try nonNegative($0, flag: "--multiplicities") } ?? l.map { _ in 1 }
        guard m.count == l.count else { throw ValidationError("--multiplicities: expected \(l.count) values (one per λ), got \(m.count)") }
        return try zip(l, m).enumerated().map { i, lm in
            guard lm.1 >= 1, lm.1 == lm.1.rounded() else { throw ValidationError("--multiplicities: item \(i + 1) must be an integer ≥ 1") }
            return PhaseTransition.Coefficient(lambda: lm.0, multiplicity: Int(lm.1))
        }
    }

    func run() async throws {
        let coefficients = try given()
        let (experiment, grid) = try range.experiment(model, points: points, seed: seed)
        let progress = ProgressLine("quadrature over n", total: grid.count, quiet: quiet)
        let run = PhasesRun(phases: phases, grid: grid, beta: beta, prior: experiment.prior, given: coefficients, seed: seed,
                            progress: { progress.advance() })
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
        print("Phases of the \(experiment.summary); prior \(experiment.prior), β = \(NumberFormat.significant(beta))")
        var summary = Table("phase", "box", "min L_n", "λ", "m", "from")
        for p in r.phases {
            summary.append(p.name, zip(p.lower, p.upper).map { "[\(NumberFormat.significant($0)), \(NumberFormat.significant($1))]" }.joined(separator: "×"),
                           NumberFormat.significant(p.loss), p.lambdaError.map { NumberFormat.plusMinus(p.lambda, $0) } ?? NumberFormat.significant(p.lambda),
                           "\(p.multiplicity)", p.source)
        }
        print(summary.renderText())
        var masses = Table(title: "Posterior mass of each phase", columns: [Table.Column("n")] + r.phases.map { Table.Column($0.name) })
        for (i, n) in r.n.enumerated() {
            masses.append([NGridOptions.format(n)] + r.phases.map { NumberFormat.significant($0.masses[i], digits: 4) })
        }
        print(masses.renderText())
        let observed = r.observedCrossover.map { NumberFormat.significant($0) } ?? "none on the grid"
        let predicted = r.predictedCrossover.map { NumberFormat.significant($0) } ?? "none near the grid"
        var ratio = ""
        if let o = r.observedCrossover, let c = r.predictedCrossover {
            ratio = " (observed/predicted = \(NumberFormat.significant(o / c, digits: 3)))"
        }
        print("crossover n*: observed \(observed), predicted \(predicted)\(ratio)")
        try writeFiles()
    }

}
