import ArgumentParser
import Dynamics
import Foundation
import Reports
import Rendering

/// `rlct langevin`: overdamped Langevin dynamics in a potential with two
/// crossing valleys on a torus, against the Gibbs law ∝ exp(−U/T).
struct LangevinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "langevin",
        abstract: "Brownian motion in U = a·min((x0−b)², (x1−b)²) on a torus against the Boltzmann law exp(−U/T).",
        discussion: """
        Euler–Maruyama: x ← x − ∇U dt + √(2T dt) ξ, wrapped onto [0, L)²; differences x − b \
        are minimum images. Trajectory k starts uniformly and uses random stream k. Time \
        spent within --half-width h of both valleys (the crossing), of one, or of neither is \
        averaged over trajectories (standard error from their spread) and compared with \
        ∫ e^{−U/T} / Z over the same regions by GSL iterated quadrature. The crossing \
        enrichment is the probability per unit area in the crossing square over that in the \
        valley-only strips. --plot FILE.svg writes the simulated occupation density as a heat \
        map, and FILE-boltzmann.svg the Boltzmann density integrated over the same cells.

        JSON keys: a, b, length, temperature, step_size, steps, burn_in, trajectories, seed, \
        half_width, partition_function, partition_function_error, regions[] (name, area, \
        predicted, simulated, standard_error, z_score), crossing_enrichment (predicted, \
        simulated, standard_error, z_score), bins, edges, simulated_histogram, \
        predicted_histogram (probability per cell, [row = x1][column = x0]), \
        histogram_total_variation.

        Examples:
          rlct langevin --a 2 --b 2 --length 4 --temperature 0.5 --plot torus.svg
        """
    )

    @Option(help: "Valley stiffness a > 0.") var a = 2.0
    @Option(help: "Valley position b (both valleys).") var b = 2.0
    @Option(help: "Torus side L.") var length = 4.0
    @Option(help: "Temperature T > 0.") var temperature = 0.5
    @Option(help: "Time step dt (below 1/(2a)).") var dt = 1e-3
    @Option(help: "Recorded steps per trajectory.") var steps = 1_000_000
    @Option(name: .customLong("burn-in"), help: "Unrecorded steps first.") var burnIn = 20_000
    @Option(help: "Independent trajectories (run in parallel).") var trajectories = 16
    @Option(name: .customLong("half-width"), help: "Half-width h of the valley regions (default 2√(T/2a)).")
    var halfWidth: Double?
    @Option(help: "Histogram bins per axis.") var bins = 40
    @Option(help: "Random seed; trajectory k uses stream k.") var seed: UInt64 = 1
    @Flag(help: "Print the result as JSON (keys above).") var json = false
    @Option(help: "Write heat maps of the simulated and Boltzmann densities (SVG).", transform: OutputTarget.argument("--plot")) var plot: OutputTarget?
    @Flag(help: "No progress line.") var quiet = false

    func run() throws {
        let boltzmann = try plot?.companion("boltzmann")  // checked before the run
        let potential = try TorusPotential(a: a, b: b, length: length)
        let langevin = TorusLangevin(potential: potential, temperature: temperature, stepSize: dt, steps: steps,
                                     burnIn: burnIn, trajectories: trajectories, seed: seed,
                                     halfWidth: halfWidth, bins: bins)
        let progress = ProgressLine("langevin", total: trajectories * (steps + burnIn), quiet: quiet)
        let result = try langevin.run { progress.advance(by: $0) }
        progress.finish()
        /// After the result is printed.
        func writeFiles() throws {
            if let plot, let boltzmann {
                try result.heatmap(values: result.simulatedHistogram, title: "Simulated occupation density").write(to: plot)
                try result.heatmap(values: result.predictedHistogram, title: "Boltzmann density exp(−U/T)/Z").write(to: boltzmann)
            }
        }
        if json {
            print(try DynamicsJSON.string(result), terminator: "")
            try writeFiles()
            return
        }
        print("U = \(a)·min((x0−\(b))², (x1−\(b))²) on [0, \(length))², T = \(temperature), dt = \(dt)")
        print("\(trajectories) trajectories × \(steps) recorded steps (burn-in \(burnIn)); regions of half-width h = \(NumberFormat.significant(result.halfWidth))")
        var table = Table(title: "Fraction of time per region (± standard error over trajectories)",
                          "region", "area", "Boltzmann", "simulated", "z")
        for r in result.regions {
            table.append(r.name, NumberFormat.significant(r.area), NumberFormat.significant(r.predicted, digits: 5),
                         NumberFormat.plusMinus(r.simulated, r.standardError), String(format: "%+.2f", r.zScore))
        }
        print(table.renderText())
        let e = result.crossingEnrichment
        print("crossing enrichment (density at the crossing / in the valley strips): Boltzmann \(NumberFormat.significant(e.predicted)), simulated \(NumberFormat.plusMinus(e.simulated, e.standardError))")
        print("Z = \(NumberFormat.significant(result.partitionFunction, digits: 8)) (quadrature error \(NumberFormat.significant(result.partitionFunctionError, digits: 2))); histogram TV distance \(NumberFormat.significant(result.histogramTotalVariation, digits: 3)) over \(result.bins)×\(result.bins) cells")
        try writeFiles()
    }

}
