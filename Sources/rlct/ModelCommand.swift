import ArgumentParser
import Experiments
import Foundation
import Models
import Rendering

/// `rlct model`: builds the model an experiment spec describes and reports
/// it — dimension, parameter names, the truth, and L_n and |∇L_n| there.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Build a model from a spec (or flags) and report its dimension, parameters and loss at the truth.",
        discussion: """
        The spec format is documented in docs/spec.md; Examples/model-*.json has one per model. \
        A bad spec exits 2 with the JSON path of the offending value \
        (model.widths[2]: expected a positive integer, got -1). \
        Instead of --spec: \(CommandLineModel.help)

        Examples:
          rlct model --polynomial \"(w1*w2)^2\"
          rlct model --spec Examples/model-tanhNetwork.json --json
          rlct model --spec Examples/iris-mlp.json --weights Examples/data/iris-mlp.safetensors
        """
    )

    @Option(name: .long, help: "An experiment spec (JSON).")
    var spec: String?

    @Option(name: .long, parsing: .unconditional, help: "A potential K(w), used as the loss itself (no data).")
    var polynomial: String?

    @Option(name: .customLong("q"), parsing: .unconditional, help: "Q(w) of the regression y = Q(w)·x + ε (K = Q²/2).")
    var q: String?

    @Option(name: .long, help: "Prior for --polynomial/--q: normal:SIGMA, uniform:LO,HI or flat (default uniform:-1,1).",
            transform: PriorArgument.init(parsing:))
    var prior: PriorArgument?

    @Option(name: .short, help: "n for --polynomial/--q.")
    var n: Int = 1000

    @Option(help: ArgumentHelp("Report L_n at the weights in this file (safetensors, .npy, .npz; see docs/your-network.md) instead of at the truth; needs --spec.",
                               valueName: "file"))
    var weights: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let experimentSpec: ExperimentSpec
        var base: URL?
        if let spec {
            guard polynomial == nil, q == nil, prior == nil else {
                throw ValidationError("give --spec or --polynomial/--q/--prior, not both")
            }
            experimentSpec = try ExperimentSpec.load(path: spec)
            base = URL(fileURLWithPath: spec).deletingLastPathComponent()
        } else {
            try ModelOptions.checkChoice(polynomial: polynomial, q: q)
            experimentSpec = try CommandLineModel.spec(polynomial: polynomial, q: q, prior: prior?.text, n: n)
        }
        let experiment = try experimentSpec.build(baseDirectory: base)
        var point: [Double]?
        if let weights {
            guard spec != nil else { throw ValidationError("--weights: needs --spec (the model whose layers the file's tensors fill)") }
            point = try experimentSpec.model.weights(path: weights, map: experimentSpec.truth?.weightsMap, field: "--weights",
                                                     maximumBytes: MemoryBudget.available().bytes)
        }
        let report = try ModelReport(experiment, point: point, weights: weights)
        if let warning = experiment.priorBoundaryWarning() {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
    }
}
