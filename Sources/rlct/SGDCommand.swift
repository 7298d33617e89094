import ArgumentParser
import Dynamics
import Foundation
import Polynomials
import Reports

/// `rlct sgd`: an ensemble of SGD trajectories on y = Q(w)·x + ε (seed 003).
struct SGDCommand: ParsableCommand {
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
        FILE-hist.svg the histograms.

        2-D: distance to the origin against time (mean, median, quartiles) and mean |w1| \
        (distance to the line w1 = 0); --plot FILE.svg writes the distances, FILE-paths.svg \
        --paths trajectories.

        Examples:
          rlct sgd --q "(w+1.6)*(w-1.6)^2" --lr 0.01 --batch 32 --trajectories 10000 --steps 500
          rlct sgd --q "(w-1.6)^3*(w+1.6)^2" --lr 0.01 --batch 32 --steps 2000
          rlct sgd --q "(w1^2+w2^2)*w1" --init -1,1 --steps 5000 --plot zigzag.svg
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

    func run() throws {
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
        let progress = ProgressLine("sgd", total: trajectories * steps, quiet: quiet)
        let result = try ensemble.run { progress.advance(by: $0) }
        progress.finish()

        var report = SGDReport(q: poly.description, variables: compiled.variables, learningRate: lr, batchSize: batch,
                               momentum: momentum, steps: steps, trajectories: trajectories, samples: n, seed: seed,
                               initRange: [initial.0, initial.1], diverged: result.divergedCount)
        if let basins {
            let escape = try EscapeAnalysis(result, basins: basins, fitStart: fitStart, histogramRange: win.0...win.1, bins: bins)
            let posterior = try PosteriorComparison(result, basins: basins, edges: escape.histogramEdges)
            report.escape = escape
            report.posterior = posterior
            if json { print(try DynamicsCLI.json(report), terminator: "") } else { printEscape(report, escape, posterior) }
            if let plot, let second {
                try Self.fractionPlot(escape).write(to: plot)
                try Self.histogramPlot(posterior).write(to: second)
            }
        } else {
            let distance = result.distanceSummary()
            report.distance = distance
            let shown = min(paths, trajectories)
            report.paths = (0..<shown).map { result.path($0) }
            if json { print(try DynamicsCLI.json(report), terminator: "") } else { printDistance(report, distance, variables: compiled.variables) }
            if let plot, let second {
                try Self.distancePlot(distance, variables: compiled.variables).write(to: plot)
                try Self.pathPlot(report.paths ?? [], variables: compiled.variables).write(to: second)
            }
        }
    }

    func header(_ r: SGDReport) {
        let data = r.samples.map { "dataset of n = \($0), batches without replacement" } ?? "fresh samples every step"
        print("Q = \(r.q); η = \(r.learningRate), B = \(r.batchSize), μ = \(r.momentum); \(r.trajectories) trajectories × \(r.steps) steps; \(data); start uniform in [\(r.initRange[0]), \(r.initRange[1])]")
        if r.diverged > 0 { print("diverged: \(r.diverged) trajectories (excluded)") }
    }

    func printEscape(_ r: SGDReport, _ e: EscapeAnalysis, _ p: PosteriorComparison) {
        header(r)
        var t = Table(title: "Basins of Q² (order k: loss ∝ (w − m)^2k)", "basin", "minimum", "k", "right barrier",
                      "SGD at end", "posterior")
        for i in e.basins.minima.indices {
            t.append("\(i)\(i == e.regularBasin ? " (regular)" : "")", NumberFormat.significant(e.basins.minima[i], digits: 5),
                     "\(e.basins.orders[i])", i < e.basins.boundaries.count ? NumberFormat.significant(e.basins.boundaries[i], digits: 5) : "—",
                     NumberFormat.significant(p.basinSGD[i], digits: 4), NumberFormat.significant(p.basinPosterior[i], digits: 4))
        }
        print(t.renderText())
        let f = e.regularFraction
        let marks = [0, f.count / 10, f.count / 4, f.count / 2, f.count - 1]
        print("fraction in the regular basin: " + marks.map { "t=\(e.times[$0]): \(NumberFormat.significant(f[$0], digits: 4))" }.joined(separator: ", "))
        if let fit = e.fit {
            print("decay rate (GSL weighted fit of log f, t ≥ \(e.fitStart), \(fit.points) points): \(NumberFormat.plusMinus(fit.rate, fit.rateError)) per step, χ²/dof \(NumberFormat.significant(fit.chiSquaredPerDof, digits: 3))")
        } else {
            print("decay rate: no fit (fewer than 3 records with ≥ 20 trajectories in the basin and some escaping)")
        }
        if let h = e.hazard {
            print("hazard (censored exponential MLE after t = \(e.fitStart)): \(NumberFormat.plusMinus(h.rate, h.rateError)) per step from \(h.escapes) escapes")
        }
        print("started in the regular basin: \(e.startedInRegular); escaped by the end: \(e.escaped) (of those still in it at t = \(e.fitStart): \(e.escapedAfterSettling)); entered it from elsewhere: \(e.returned)")
        print("posterior at n = \(p.n) (\(p.fromDataset ? "the training dataset" : "population loss")): total variation to the SGD histogram \(NumberFormat.significant(p.totalVariation, digits: 3)) over \(p.sgd.count) bins")
    }

    func printDistance(_ r: SGDReport, _ d: SGDEnsembleResult.DistanceSummary, variables: [String]) {
        header(r)
        var t = Table(title: "Distance to the origin", columns: ["t", "mean |w|", "median", "quartiles"].map { Table.Column($0) }
                      + variables.map { Table.Column("mean |\($0)|") })
        let marks = Array(Set([0, 1, d.times.count / 10, d.times.count / 4, d.times.count / 2, d.times.count - 1])).sorted()
        for i in marks where i < d.times.count {
            t.append(["\(d.times[i])", NumberFormat.significant(d.mean[i]), NumberFormat.significant(d.median[i]),
                      "\(NumberFormat.significant(d.lowerQuartile[i], digits: 3))–\(NumberFormat.significant(d.upperQuartile[i], digits: 3))"]
                     + d.meanAbsolute.map { NumberFormat.significant($0[i]) })
        }
        print(t.renderText())
    }

    static func fractionPlot(_ e: EscapeAnalysis) -> Plot {
        var plot = Plot(title: "Fraction of trajectories in the regular basin", xLabel: "SGD step t", yLabel: "fraction", yScale: .log)
        let pts = zip(e.times, e.regularFraction).filter { $0.1 > 0 }
        plot.series.append(.init("simulated", style: .line, x: pts.map { Double($0.0) }, y: pts.map(\.1)))
        if let fit = e.fit {
            let ts = e.times.filter { $0 >= e.fitStart }.map(Double.init)
            plot.series.append(.init("fit: rate \(NumberFormat.plusMinus(fit.rate, fit.rateError))", style: .line,
                                     x: ts, y: ts.map { fit.amplitude * exp(-fit.rate * $0) }, dashed: true))
        }
        return plot
    }

    static func histogramPlot(_ p: PosteriorComparison) -> Plot {
        var plot = Plot(title: "Final SGD positions vs posterior at n = \(p.n) (TV \(NumberFormat.significant(p.totalVariation, digits: 3)))",
                        xLabel: "w", yLabel: "probability per bin")
        let mids = (0..<(p.edges.count - 1)).map { (p.edges[$0] + p.edges[$0 + 1]) / 2 }
        let width = p.edges[1] - p.edges[0]
        plot.series.append(.init("SGD", style: .bars(width: width), x: mids, y: p.sgd))
        plot.series.append(.init("posterior", style: .line, x: mids, y: p.posterior))
        return plot
    }

    static func distancePlot(_ d: SGDEnsembleResult.DistanceSummary, variables: [String]) -> Plot {
        var plot = Plot(title: "Distance to the origin", xLabel: "SGD step t", yLabel: "distance")
        let t = d.times.map(Double.init)
        plot.series.append(.init("median |w|", style: .line, x: t, y: d.median))
        plot.series.append(.init("quartiles", style: .line, x: t, y: d.lowerQuartile, dashed: true))
        plot.series.append(.init("", style: .line, x: t, y: d.upperQuartile, dashed: true, color: plot.series[1].color))
        for (j, v) in variables.enumerated() { plot.series.append(.init("mean |\(v)|", style: .line, x: t, y: d.meanAbsolute[j])) }
        return plot
    }

    static func pathPlot(_ paths: [[[Double]]], variables: [String]) -> Plot {
        var plot = Plot(title: "SGD trajectories", xLabel: variables[0], yLabel: variables.count > 1 ? variables[1] : "")
        for (i, p) in paths.enumerated() {
            plot.series.append(.init(i == 0 ? "trajectories" : "", style: .line, x: p.map { $0[0] }, y: p.map { $0.count > 1 ? $0[1] : 0 },
                                     color: Plot.palette[i % Plot.palette.count]))
        }
        return plot
    }
}

/// What `rlct sgd --json` prints.
struct SGDReport: Codable {
    var q: String
    var variables: [String]
    var learningRate: Double
    var batchSize: Int
    var momentum: Double
    var steps: Int
    var trajectories: Int
    var samples: Int?
    var seed: UInt64
    var initRange: [Double]
    var diverged: Int
    var escape: EscapeAnalysis?
    var posterior: PosteriorComparison?
    var distance: SGDEnsembleResult.DistanceSummary?
    var paths: [[[Double]]]?
}
