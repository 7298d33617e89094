import ArgumentParser
import Dynamics
import Foundation
import Polynomials
import Reports
import Rendering

/// `rlct sgd-langevin`: SGD against Langevin dynamics along a valley of minima (seed 004).
struct SGDLangevinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sgd-langevin",
        abstract: "SGD against isotropic Langevin dynamics along a valley of minima of y = Q(w)·x + ε: who walks along it, who drifts to its flat part.",
        discussion: """
        Both start at --start (on the valley Q = 0). SGD: minibatches of B fresh samples, \
        η = --lr (as `rlct sgd`, the (1/2B) Σ convention). Langevin: w ← w − η Q∇Q + √(2ηT) ξ on \
        the population loss Q²/2, with T = η|∇Q(start)|²/(2B) unless --temperature: the same \
        noise variance across the valley at the start, isotropic instead of along ∇Q. Reported \
        at a few times: the mean and standard deviation of each coordinate over the trajectories. \
        The default Q = w1·(1 + w2²) has the valley w1 = 0, flattest at w2 = 0; Q = w1 (with a \
        2-D start, so w2 is a coordinate Q does not use) has a valley of constant curvature.

        Examples:
          rlct sgd-langevin --q "w1*(1+w2^2)" --start=0,1.5 --plot valley.svg
          rlct sgd-langevin --q "w1" --start=0,0 --steps 5000 --trajectories 500
        """
    )

    @Option(parsing: .unconditional, help: "Model output Q(w).") var q = "w1*(1+w2^2)"
    @Option(parsing: .unconditional, help: "The start point (comma-separated, in the order of Q's variables).",
            transform: PointList.init(parsing:))
    var start = PointList([[0, 1.5]])
    @Option(help: "Learning rate η (also Langevin's time step).") var lr = 0.02
    @Option(help: "Batch size B.") var batch = 32
    @Option(help: "Steps.") var steps = 20_000
    @Option(help: "Trajectories of each dynamics.") var trajectories = 1000
    @Option(help: "Langevin temperature T (default η|∇Q(start)|²/(2B)).") var temperature: Double?
    @Option(help: "Random seed; SGD trajectory k uses stream k, Langevin 2³¹ + k.") var seed: UInt64 = 1
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(help: "Write the coordinate along the valley against t (SVG).", transform: OutputTarget.argument("--plot")) var plot: OutputTarget?
    @Flag(help: "No progress line.") var quiet = false

    func run() throws {
        let poly = try SGDCommand.parse(q)
        // Q may leave out coordinates of the start (Q = w1 on the plane): name them w1, w2, … by position.
        let names = (0..<(start.points.first?.count ?? 0)).map { "w\($0 + 1)" }
        let byPosition = Set(poly.variables).isSubset(of: names) && !names.isEmpty
        let compiled: CompiledPolynomial
        if byPosition { compiled = try poly.compiled(variables: names) } else { compiled = poly.compiled() }
        guard start.points.count == 1, start.points[0].count == compiled.dimension else {
            throw DynamicsError(field: "start", "expected one point with \(compiled.dimension) coordinates, got \(start)")
        }
        let valley = ValleyDiffusion(q: compiled, start: start.points[0], learningRate: lr, batchSize: batch, steps: steps,
                                     trajectories: trajectories, temperature: temperature, seed: seed)
        let progress = ProgressLine("sgd-langevin", total: 2 * trajectories * steps, quiet: quiet)
        let result = try valley.run { progress.advance(by: $0) }
        progress.finish()
        let report = ValleyReport(q: poly.description, variables: compiled.variables, start: start.points[0], learningRate: lr,
                                  batchSize: batch, steps: steps, trajectories: trajectories, seed: seed, result: result)
        print(json ? try DynamicsJSON.string(report) : report.text + "\n", terminator: "")
        if let plot { try report.plot.write(to: plot) }
    }
}
