import ArgumentParser
import DistributedJobs
import Dynamics
import Foundation
import Reports
import Rendering

/// `rlct sgd-sweep`: escape rate from the sharp minimum against η, w0 or B.
struct SGDSweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sgd-sweep",
        abstract: "Escape from the regular minimum of Q = (w+w0)^d1 (w−w0)^d2 against learning rate, w0 or batch size.",
        discussion: """
        For each value of --over (lr, w0 or batch) runs `rlct sgd`'s ensemble (start uniform in \
        [−w0, w0], dataset of n = steps·B unless --samples) and reports the fraction of the \
        trajectories started in the regular basin that escaped, the regular-basin fraction at \
        the end, and the decay rate (GSL fit with batch-means error, and the censored \
        exponential hazard). Escape onset: the smallest value with ≥ 1% escaped; majority: ≥ 50%. \
        Each value runs --replicates R independent replicates (fresh dataset and trajectories \
        each): the table gives replicate 1 (one shared dataset) and the mean ± sd/√R over all R, \
        and the onset is given per replicate. \
        The learning rate is in the (1/2B) Σ convention; the article's gradient has a factor \
        2 (MSE), so its η corresponds to 2η here.

        Examples:
          rlct sgd-sweep --over lr --values 0.01,0.014,0.018,0.02,0.022,0.026
        """
    )

    @Option(help: "Swept setting: lr, w0 or batch.") var over: SGDSweep.Parameter = .learningRate
    @Option(help: "Comma-separated values of the swept setting.", transform: PositiveNumbers.init(parsing:)) var values: PositiveNumbers
    /// The settings not swept (the same seed for every value).
    @OptionGroup var sgd: SGDOptions
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(help: "Write escaped fraction against the swept value (SVG).", transform: OutputTarget.argument("--plot")) var plot: OutputTarget?
    @Flag(help: "No progress line.") var quiet = false

    func run() async throws {
        let vs = values.values
        let (w0, d1, d2, lr, batch, momentum, steps, trajectories, samples, seed)
            = (sgd.w0, sgd.d1, sgd.d2, sgd.lr, sgd.batch, sgd.momentum, sgd.steps, sgd.trajectories, sgd.samples, sgd.seed)
        let sweep = SGDSweep(parameter: over, values: vs, w0: w0, d1: d1, d2: d2, learningRate: lr, batchSize: batch,
                             momentum: momentum, steps: steps, trajectories: trajectories, samples: samples, seed: seed,
                             replicates: sgd.replicates)
        // One job per value and replicate: over the ranks under mpirun (docs/cluster.md); a worker rank prints nothing.
        guard let result = try await Cluster.queue(concurrency: 1).run(sweep, quiet: quiet) else { return }
        let report = SweepReport(result: result)
        print(json ? try DynamicsJSON.string(report) : report.text + "\n", terminator: "")
        if let plot { try report.plot.write(to: plot) }  // after the result is printed
    }
}

extension SGDSweep.Parameter: ExpressibleByArgument {}
