import ArgumentParser
import Dynamics
import Foundation
import Polynomials
import Reports
import Rendering

/// `rlct sgd-posterior`: SGD ensemble against the posterior in 2-D as n grows (seed 003, Figs. 2 and 5).
struct SGDPosteriorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sgd-posterior",
        abstract: "2-D: where SGD ends against where the posterior puts its mass (near the origin, along the line w1 = 0) as n grows.",
        discussion: """
        For each Q (repeat --q) and each n in --n: an SGD ensemble (as `rlct sgd`: start uniform in \
        the --init box, one epoch over its own dataset of n samples, n/B steps) and the Bayesian \
        posterior on that same dataset, ∝ exp(−(Q² S_xx − 2Q S_xy)/2) under a flat prior on the \
        box, integrated by GSL iterated quadrature. Reported: the mass within --radius of the \
        origin O, and the mean |w1| (distance to the line L: w1 = 0) and |w2| (position along L), \
        for both. --plot FILE.svg draws the mass near O against n.

        Examples:
          rlct sgd-posterior --n 2000,16000 --trajectories 500 --plot post.svg
          rlct sgd-posterior --q "(w1^2+w2^2)*w1^2" --n 1000,10000 --radius 0.3
        """
    )

    @Option(parsing: .unconditionalSingleValue, help: "Model output Q(w1, w2); repeat for several (default: both of seed 003's).")
    var q: [String] = []
    @Option(help: "Sample sizes n (comma-separated; each a multiple of B is best).", transform: PositiveNumbers.init(parsing:))
    var n = PositiveNumbers([2000, 16000, 160000])
    @Option(help: "Learning rate η (the (1/2B) Σ convention).") var lr = 0.02
    @Option(help: "Batch size B.") var batch = 32
    @Option(help: "Number of trajectories per n.") var trajectories = 2000
    @Option(name: .customLong("init"), parsing: .unconditional, help: "Box LOW,HIGH for the start and the flat prior (every coordinate).",
            transform: Interval.init(parsing:))
    var initRange = Interval(-1, 1)
    @Option(help: "Radius of the neighbourhood of the origin.") var radius = 0.2
    @Option(help: "Random seed; trajectory k uses stream k, the dataset stream −1.") var seed: UInt64 = 1
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(help: "Write the mass near O against n (SVG).", transform: OutputTarget.argument("--plot")) var plot: OutputTarget?
    @Flag(help: "No progress line.") var quiet = false

    func run() throws {
        let texts = q.isEmpty ? ["(w1^2+w2^2)*w1", "(w1^2+w2^2)*w1^2"] : q
        let sizes = try n.values.map { v -> Int in
            guard v == v.rounded(), v <= 1e8 else { throw DynamicsError(field: "n", "expected whole sample sizes up to 10⁸, got \(v)") }
            return Int(v)
        }
        let polys = try texts.map(SGDCommand.parse)
        let steps = sizes.reduce(0) { $0 + max($1 / max(batch, 1), 1) }
        let progress = ProgressLine("sgd-posterior", total: polys.count * trajectories * steps, quiet: quiet)
        var models: [PlaneSGDPosteriorReport.Model] = []
        for poly in polys {
            let compiled = poly.compiled()
            let comparison = PlaneSGDPosterior(q: compiled, sampleSizes: sizes, learningRate: lr, batchSize: batch,
                                               trajectories: trajectories, lower: initRange.lower, upper: initRange.upper,
                                               radius: radius, seed: seed)
            let rows = try comparison.run { progress.advance(by: $0) }
            models.append(.init(q: poly.description, variables: compiled.variables, rows: rows))
        }
        progress.finish()
        let report = PlaneSGDPosteriorReport(learningRate: lr, batchSize: batch, trajectories: trajectories,
                                             initRange: [initRange.lower, initRange.upper], radius: radius, seed: seed, models: models)
        print(json ? try DynamicsJSON.string(report) : report.text + "\n", terminator: "")
        if let plot { try report.plot.write(to: plot) }
    }
}
