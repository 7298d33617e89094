import ArgumentParser
import Experiments
import Foundation
import Models

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
            experimentSpec = try CommandLineModel.spec(polynomial: polynomial, q: q, prior: prior?.text, n: n)
        }
        let experiment = try experimentSpec.build(baseDirectory: base)
        let report = try ModelReport(experiment)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
    }
}

/// What `rlct model` prints.
struct ModelReport: Codable {
    var name: String?
    var kind: String
    var dimension: Int
    var parameterNames: [String]
    var sampleCount: Int
    var data: String
    var prior: String
    var truth: [Double]?
    var truthInPrior: Bool?
    var lossAtTruth: Double?
    var gradientNormAtTruth: Double?
    var populationLossAtTruth: Double?

    enum CodingKeys: String, CodingKey {
        case name, kind, dimension, data, prior, truth
        case parameterNames = "parameter_names"
        case sampleCount = "n"
        case truthInPrior = "truth_in_prior"
        case lossAtTruth = "loss_at_truth"
        case gradientNormAtTruth = "gradient_norm_at_truth"
        case populationLossAtTruth = "population_loss_at_truth"
    }

    init(_ e: Experiment) throws {
        name = e.spec.name
        kind = e.spec.model.kind
        dimension = e.model.dimension
        parameterNames = e.model.parameterNames
        sampleCount = e.model.sampleCount
        switch e.model {
        case .potential: data = "none (potential)"
        case let .polynomialRegression(m): data = m.data.source
        case let .linearRegression(m): data = m.data.source
        case let .reducedRankRegression(m): data = m.data.source
        case let .deepLinearNetwork(m): data = m.data.source
        case let .tanhNetwork(m): data = m.data.source
        case let .reluNetwork(m): data = m.data.source
        }
        prior = e.prior.summary
        truth = e.truth
        if let w0 = e.truth {
            let at = try e.model.accept(PointEvaluation(point: w0))
            lossAtTruth = at.loss
            gradientNormAtTruth = at.gradient.map { $0 * $0 }.reduce(0, +).squareRoot()
            populationLossAtTruth = at.populationLoss
            truthInPrior = w0.withUnsafeBufferPointer { e.prior.contains($0) }
        }
    }

    var text: String {
        func list<T>(_ xs: [T], limit: Int = 12) -> String {
            let shown = xs.prefix(limit).map { "\($0)" }.joined(separator: ", ")
            return xs.count > limit ? "\(shown), … (\(xs.count) in all)" : shown
        }
        func num(_ x: Double?) -> String { x.map { String(format: "%.10g", $0) } ?? "—" }
        var lines = [(String, String)]()
        if let name { lines.append(("name", name)) }
        lines += [("model", kind), ("dimension", "\(dimension)"), ("parameters", list(parameterNames)),
                  ("n", "\(sampleCount)"), ("data", data), ("prior", prior)]
        if let truth {
            lines += [("truth", "[" + list(truth.map { num($0) }) + "]"),
                      ("truth in prior", truthInPrior == true ? "yes" : "no (outside the prior's support)"),
                      ("L_n(truth)", num(lossAtTruth)), ("|∇L_n(truth)|", num(gradientNormAtTruth)),
                      ("K(truth)", populationLossAtTruth.map { num($0) } ?? "no closed form")]
        } else {
            lines.append(("truth", "no parameter point given (set truth.parameters)"))
        }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
    }
}
