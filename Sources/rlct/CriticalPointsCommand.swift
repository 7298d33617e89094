import ArgumentParser
import Dynamics
import Foundation
import Reports
import Rendering

/// `rlct critical-points`: how often a random critical point is a minimum, against d (seed 004).
struct CriticalPointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "critical-points",
        abstract: "The probability that a random critical point is a local minimum against d: GOE Hessians and a small tanh network.",
        discussion: """
        GOE: --samples random symmetric d × d matrices per d (diagonal N(0, 2), off-diagonal \
        N(0, 1)), eigenvalues by GSL's gsl_eigen_symm; a minimum has all eigenvalues positive. \
        Beside it: the exact value (d = 1: 1/2, d = 2: (2 − √2)/4) and 2^−d, the independent-sign \
        (Bernoulli) model. Network: f(x) = Σ_{j≤h} a_j tanh(b_j x + c_j) (d = 3h) fitted to \
        --network-samples points from a random 2-unit teacher; Newton's method from --starts \
        random starts per h finds critical points of any index, classified by the Hessian's \
        eigenvalues (minimum, saddle, or degenerate with a zero eigenvalue); distinct points are \
        counted up to the units' order and sign.

        Examples:
          rlct critical-points --dimensions 1,2,3,4 --plot minima.svg
          rlct critical-points --dimensions 1,2 --samples 100000 --hidden 1
        """
    )

    @Option(help: "Dimensions d of the GOE matrices.", transform: IntegerList.init(parsing:))
    var dimensions = IntegerList([1, 2, 3, 4, 5, 6])
    @Option(help: "GOE matrices per d.") var samples = 1_000_000
    @Option(help: "Hidden widths h of the network (d = 3h); empty to skip.", transform: IntegerList.init(parsing:))
    var hidden = IntegerList([1, 2, 3, 4])
    @Option(help: "Newton starts per hidden width.") var starts = 400
    @Option(name: .customLong("network-samples"), help: "Data points of the network's loss.") var networkSamples = 50
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(help: "Write P(minimum) against d (SVG).", transform: OutputTarget.argument("--plot")) var plot: OutputTarget?
    @Flag(help: "No progress line.") var quiet = false

    func run() throws {
        let census = RandomHessianCensus(dimensions: dimensions.values, samples: samples, seed: seed)
        let network = hidden.values.isEmpty ? nil
            : NetworkCriticalPoints(hiddenWidths: hidden.values, starts: starts, samples: networkSamples, seed: seed)
        try census.validate()
        try network?.validate()
        let progress = ProgressLine("critical-points", total: dimensions.values.count * samples + hidden.values.count * starts, quiet: quiet)
        let goe = try census.run { progress.advance(by: $0) }
        let rows = try network?.run { progress.advance(by: $0) }
        progress.finish()
        let report = CriticalPointsReport(seed: seed, goe: goe, network: rows, networkSamples: network?.samples)
        print(json ? try DynamicsJSON.string(report) : report.text + "\n", terminator: "")
        if let plot { try report.plot.write(to: plot) }
    }
}
