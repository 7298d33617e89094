import ArgumentParser
import Dynamics
import Foundation
import Reports
import Rendering

/// `rlct walk`: random walks on cycles glued at one node against the
/// stationary law ∝ degree (the "spooky action at a distance" article).
struct WalkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk",
        abstract: "Random walks on cycles glued at one node: occupation against the stationary law ∝ degree.",
        discussion: """
        The cycles share node 0, which has degree 2k for k cycles; every other node has \
        degree 2, so the stationary law gives the shared node k times the weight of any other.

        Independent walkers start at uniform random nodes. The burn-in is the exact number \
        of steps after which the walk's law from that start is within total variation \
        --mixing-tolerance of the stationary law (computed by propagating the law). The \
        χ² test uses the walkers' end states (independent draws, so the chain's \
        autocorrelation does not enter); the time-averaged occupations are averaged over \
        walkers, with standard errors from their spread (each walker is one batch). \
        If every cycle is even the graph is bipartite and the plain walk has period 2, \
        so the walk is made lazy (stays put with probability 1/2) unless --laziness is given.

        JSON keys: cycle_lengths, node_count, edge_count, walkers, steps, burn_in, laziness, \
        seed, mixing_steps, mixing_distance, nodes[] (node, group, degree, predicted, \
        simulated, standard_error, end_count, expected_end_count), groups[] (name, nodes, \
        predicted, simulated, standard_error, z_score, end_fraction), chi_square (statistic, \
        dof, p_value, samples), shared_node_ratio, predicted_shared_node_ratio.

        Examples:
          rlct walk --cycles 3,5,8 --steps 20000 --walkers 2000 --seed 1 --plot walk.svg
        """
    )

    @Option(help: "Cycle lengths, e.g. 3,5,8 (each at least 3).", transform: IntegerList.init(parsing:))
    var cycles: IntegerList

    @Option(help: "Steps per walker, burn-in included.")
    var steps = 20_000

    @Option(help: "Number of independent walkers.")
    var walkers = 2_000

    @Option(help: "Probability of staying put at each step (default: 0, or 1/2 when all cycles are even).")
    var laziness: Double?

    @Option(name: .customLong("burn-in"), help: "Steps before recording (default: the exact mixing time).")
    var burnIn: Int?

    @Option(name: .customLong("mixing-tolerance"), help: "Total variation distance that defines the mixing time.")
    var mixingTolerance = 1e-4

    @Option(help: "Random seed; walker k uses stream k.")
    var seed: UInt64 = 1

    @Flag(help: "Print the result as JSON (keys above).")
    var json = false

    @Option(help: "Write a bar chart of simulated against predicted occupation per node (SVG).", transform: OutputTarget.argument("--plot"))
    var plot: OutputTarget?

    @Flag(help: "No progress line.")
    var quiet = false

    func run() throws {
        var walk = try GluedCycleWalk(cycleLengths: cycles.values,
                                      steps: steps, walkers: walkers, seed: seed, laziness: laziness, burnIn: burnIn)
        walk.mixingTolerance = mixingTolerance
        let progress = ProgressLine("walking", total: walkers * steps, quiet: quiet)
        let result = try walk.run { progress.advance(by: $0) }
        progress.finish()
        /// After the result is printed.
        func writeFiles() throws {
            if let plot { try result.plot().write(to: plot) }
        }
        if json {
            print(try DynamicsJSON.string(result), terminator: "")
            try writeFiles()
            return
        }
        print("cycles \(result.cycleLengths.map(String.init).joined(separator: ",")): \(result.nodeCount) nodes, \(result.edgeCount) edges; laziness \(result.laziness)")
        print("\(result.walkers) walkers × \(result.steps) steps, burn-in \(result.burnIn) (mixing time to TV \(walk.mixingTolerance): \(result.mixingSteps) steps)")
        var table = Table(title: "Occupation by node group (time averages; ± standard error over walkers)",
                          "group", "nodes", "π (∝ degree)", "simulated", "z", "end states")
        for g in result.groups {
            table.append(g.name, "\(g.nodes)", NumberFormat.significant(g.predicted, digits: 5),
                         NumberFormat.plusMinus(g.simulated, g.standardError),
                         String(format: "%+.2f", g.zScore), NumberFormat.significant(g.endFraction, digits: 4))
        }
        print(table.renderText())
        let chi = result.chiSquare
        print("χ² over nodes (end states of \(chi.samples) walkers): \(NumberFormat.significant(chi.statistic)) on \(chi.dof) dof, p = \(NumberFormat.significant(chi.pValue, digits: 3))")
        print("shared node / mean other node: \(NumberFormat.significant(result.sharedNodeRatio)) (π predicts \(Int(result.predictedSharedNodeRatio)))")
        try writeFiles()
    }

}
