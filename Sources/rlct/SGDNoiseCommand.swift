import ArgumentParser
import Dynamics
import Foundation
import Polynomials
import Reports
import Rendering

/// `rlct sgd-noise`: minibatch-gradient covariance against the formula and the Hessian.
struct SGDNoiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sgd-noise",
        abstract: "SGD noise covariance at given points against Σ = (1/B) v_x (v_y + 2 v_x Q²) ∇Q∇Qᵀ and the Hessian.",
        discussion: """
        At each point, --batches independent batches of B fresh samples (x ~ N(0, v_x), \
        y = ε ~ N(0, v_y)) give minibatch gradients of (1/2B) Σ (y − Q(w)x)²; their sample \
        covariance Σ̂ (with a standard error per entry) is compared with the formula Σ \
        (ratio tr Σ̂ / tr Σ, and the largest entry z-score) and with the Hessian of the \
        potential H = v_x (∇Q∇Qᵀ + Q∇²Q): B·tr Σ̂ / tr H tends to v_y at a critical point.

        Examples:
          rlct sgd-noise --q "(w1^2+w2^2)*w1" --points "0.01,1;0.05,0.05;0.5,0.5"
          rlct sgd-noise --points="-1.6;1.6" --batch 16
        """
    )

    @Option(parsing: .unconditional, help: "Model output Q(w).") var q: String = "(w+1.6)*(w-1.6)^2"
    @Option(parsing: .unconditional, help: "Points separated by ';', coordinates by ',' (in the order of Q's variables).",
            transform: PointList.init(parsing:))
    var points = PointList([[-1.6], [-1.59], [-1.5], [1.6], [1.61], [1.7], [0]])
    @Option(help: "Batch size B.") var batch = 32
    @Option(help: "Batches per point.") var batches = 100_000
    @Option(name: .customLong("input-variance"), help: "v_x.") var inputVariance = 1.0
    @Option(name: .customLong("noise-variance"), help: "v_y.") var noiseVariance = 1.0
    @Option(help: "Random seed; point i uses stream i.") var seed: UInt64 = 1
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(help: "Write ratios against the distance from the first point (SVG).", transform: OutputTarget.argument("--plot")) var plot: OutputTarget?
    @Flag(help: "No progress line.") var quiet = false

    func run() throws {
        let poly = try SGDCommand.parse(q)
        let compiled = poly.compiled()
        let pts = points.points
        let noise = NoiseCovariance(q: compiled, batchSize: batch, batches: batches, inputVariance: inputVariance,
                                    noiseVariance: noiseVariance, seed: seed)
        let progress = ProgressLine("sgd-noise", total: pts.count * batches, quiet: quiet)
        let result = try noise.measure(at: pts) { progress.advance(by: $0) }
        progress.finish()
        let report = NoiseReport(q: poly.description, variables: compiled.variables, batchSize: batch, batches: batches,
                                 inputVariance: inputVariance, noiseVariance: noiseVariance, seed: seed, points: result)
        print(json ? try DynamicsJSON.string(report) : report.text + "\n", terminator: "")
        if let plot { try report.ratioPlot.write(to: plot) }  // after the result is printed
    }
}
