import ArgumentParser
import DistributedJobs
import Dynamics
import Foundation
import Polynomials
import Reports
import Rendering

/// `rlct sgd`: an ensemble of SGD trajectories on y = Q(w)·x + ε (seed 003).
struct SGDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sgd",
        abstract: "Ensembles of SGD trajectories on y = Q(w)·x + ε: escape from sharp minima, sticking on degenerate ones.",
        discussion: """
        Batch loss (1/2B) Σ (y − Q(w)x)², x, ε ~ N(0, 1), truth a = 0; update v ← μv + ∇l_b, \
        w ← w − η v. As in the article, batches are drawn without replacement from one dataset \
        of n = --samples points (default steps·B: one epoch, so n is the number of samples seen), \
        reshuffled per epoch by each trajectory; --samples 0 draws fresh samples every step. \
        Trajectory k starts uniformly in --init (every coordinate) and uses random stream k.

        1-D: the basins of Q² on --window (minima, order k of the zero of Q, barriers), the \
        fraction in the least degenerate ("regular") basin against time with its exponential \
        decay rate (GSL weighted fit of log f, and the censored-exponential hazard), the number \
        that escaped from it, the histogram of final positions, and the Bayesian posterior \
        ∝ exp(−n L_n) (flat prior on --window, exact by quadrature) with the total variation \
        distance between the two histograms. --plot FILE.svg writes the fraction against time, \
        FILE-hist.svg the histograms. These numbers are replicate 1's, on one shared dataset; \
        --replicates R repeats the whole run R times, each with a fresh dataset and fresh \
        trajectories (replicate r: dataset stream −1 − r, trajectory k on stream r·2³² + k), \
        and reports the rates, fractions and escapes as mean ± sd/√R over replicates, with \
        each replicate's own (shared-dataset) error beside them.

        2-D: distance to the origin against time (mean, median, quartiles) and mean |w1| \
        (distance to the line w1 = 0); --plot FILE.svg writes the distances, FILE-paths.svg \
        --paths trajectories.

        Examples:
          rlct sgd --q "(w+1.6)*(w-1.6)^2" --lr 0.01 --batch 32 --steps 500
          rlct sgd --q "(w-1.6)^3*(w+1.6)^2" --lr 0.01 --batch 32 --steps 2000
          rlct sgd --q "(w1^2+w2^2)*w1" --init=-1,1 --steps 5000 --plot zigzag.svg
        """
    )

    @Option(parsing: .unconditional, help: "Model output Q(w) (variables w, or w1 and w2, …). Default (w+w0)^d1*(w−w0)^d2.") var q: String?
    @OptionGroup var sgd: SGDOptions
    @Option(name: .customLong("init"), parsing: .unconditional,
            help: "Initial box LOW,HIGH for every coordinate (1-D default: the outermost minima; else -1,1).",
            transform: Interval.init(parsing:))
    var initRange: Interval?
    @Option(parsing: .unconditional,
            help: "1-D window LOW,HIGH for basins, histogram and posterior (default: --init widened by half its width each side).",
            transform: Interval.init(parsing:))
    var window: Interval?
    @Option(help: "Histogram bins (1-D).") var bins = 80
    @Option(name: .customLong("fit-start"), help: "First step used in the decay fit (default steps/10).") var fitStart: Int?
    @Option(name: .customLong("record-every"), help: "Record positions every this many steps (default: ≤ 500 records).")
    var recordEvery: Int?
    @Option(help: "Trajectories drawn in the 2-D path plot.") var paths = 12
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(help: "Write the figures (SVG).", transform: OutputTarget.argument("--plot")) var plot: OutputTarget?
    @Flag(help: "No progress line.") var quiet = false

    static func parse(_ text: String) throws -> Polynomial {
        do { return try Polynomial(parsing: text) } catch { throw DynamicsError(field: "q", "\(error)") }
    }

    func run() async throws {
        let (w0, lr, batch, momentum, steps, trajectories, samples, seed)
            = (sgd.w0, sgd.lr, sgd.batch, sgd.momentum, sgd.steps, sgd.trajectories, sgd.samples, sgd.seed)
        let poly = try q.map(Self.parse) ?? SGDSweep.model(w0: w0, d1: sgd.d1, d2: sgd.d2)
        guard poly.variables.count >= 1 else { throw DynamicsError(field: "q", "Q is constant; expected a polynomial in w") }
        let compiled = poly.compiled()
        let dim = compiled.dimension
        var initial: (Double, Double)
        var basins: EscapeBasins? = nil
        var win: (Double, Double) = (-1, 1)
        if let initRange { initial = (initRange.lower, initRange.upper) }
        else if q == nil { initial = (-w0, w0) }
        else if dim == 1 {
            let b = try EscapeBasins(q: compiled, lower: -10, upper: 10)
            let zeros = zip(b.minima, b.orders).filter { $0.1 >= 1 }.map(\.0)
            guard let lo = zeros.min(), let hi = zeros.max(), lo < hi else {
                throw DynamicsError(field: "init", "Q has fewer than two zeros in [-10, 10]; give --init LOW,HIGH")
            }
            initial = (lo, hi)
        } else { initial = (-1, 1) }
        if dim == 1 {
            let width = initial.1 - initial.0
            win = window.map { ($0.lower, $0.upper) } ?? (initial.0 - width / 2, initial.1 + width / 2)
            basins = try EscapeBasins(q: compiled, lower: win.0, upper: win.1)
        }
        let n: Int? = samples.map { $0 == 0 ? nil : $0 } ?? steps * batch
        let every = recordEvery ?? max(1, (steps + 499) / 500)
        let second = try plot?.companion(basins != nil ? "hist" : "paths")  // checked before the run
        let ensemble = SGDEnsemble(q: compiled, learningRate: lr, batchSize: batch, momentum: momentum, steps: steps,
                                   trajectories: trajectories, samples: n, initialLower: initial.0,
                                   initialUpper: initial.1, recordEvery: every, seed: seed)
        let marks = EscapeReplicates.markTimes(ensemble.recordTimes)
        let replicateJobs = basins.map { SGDReplicateJobs(count: sgd.replicates, basins: $0, fitStart: fitStart,
                                                          histogramRange: win.0...win.1, bins: bins, markTimes: marks) }
        // Chunks of trajectories and the other replicates as jobs: over the ranks under mpirun (docs/cluster.md);
        // a worker rank prints nothing.
        guard let (result, others) = try await Cluster.queue(concurrency: 1).run(ensemble, replicates: replicateJobs, quiet: quiet)
        else { return }

        var report = SGDReport(q: poly.description, variables: compiled.variables, learningRate: lr, batchSize: batch,
                               momentum: momentum, steps: steps, trajectories: trajectories, samples: n, seed: seed,
                               initRange: [initial.0, initial.1], diverged: result.divergedCount)
        if let basins {
            let escape = try EscapeAnalysis(result, basins: basins, fitStart: fitStart, histogramRange: win.0...win.1, bins: bins)
            let posterior = try PosteriorComparison(result, basins: basins, edges: escape.histogramEdges)
            report.escape = escape
            report.posterior = posterior
            report.replicates = EscapeReplicates(markTimes: marks,
                                                 replicates: [.init(escape, replicate: 0, markTimes: marks)] + others)
            if json { print(try DynamicsJSON.string(report), terminator: "") } else { print(report.escapeText) }
            if let plot, let second {
                try SGDReport.fractionPlot(escape).write(to: plot)
                try SGDReport.histogramPlot(posterior).write(to: second)
            }
        } else {
            let distance = result.distanceSummary()
            report.distance = distance
            let shown = min(paths, trajectories)
            report.paths = (0..<shown).map { result.path($0) }
            if json { print(try DynamicsJSON.string(report), terminator: "") } else { print(report.distanceText) }
            if let plot, let second {
                try SGDReport.distancePlot(distance, variables: compiled.variables).write(to: plot)
                try SGDReport.pathPlot(report.paths ?? [], variables: compiled.variables).write(to: second)
            }
        }
    }
}
