import Experiments
import Foundation
import Models

/// What `rlct model` prints.
public struct ModelReport: Codable {
    public var name: String?
    public var kind: String
    public var dimension: Int
    public var parameterNames: [String]
    public var sampleCount: Int
    public var data: String
    public var prior: String
    public var truth: [Double]?
    public var truthInPrior: Bool?
    /// Where the truth sits in the prior: `inside`, `near boundary`, `on boundary`, `outside` (`PriorBoundaryWarning`).
    public var truthPriorPosition: String?
    /// The boundary warning's text when the truth is on, near or outside the boundary.
    public var truthPriorWarning: String?
    public var lossAtTruth: Double?
    public var gradientNormAtTruth: Double?
    public var populationLossAtTruth: Double?
    /// The weights file whose point replaced the truth (`rlct model --weights`);
    /// the `…AtTruth` values are then at that point.
    public var weights: String?

    /// The text of the `truth in prior` line.
    var priorLine = "no (outside the prior's support)"

    enum CodingKeys: String, CodingKey {
        case name, kind, dimension, data, prior, truth, weights
        case parameterNames = "parameter_names"
        case sampleCount = "n"
        case truthInPrior = "truth_in_prior"
        case truthPriorPosition = "truth_prior_position"
        case truthPriorWarning = "truth_prior_warning"
        case lossAtTruth = "loss_at_truth"
        case gradientNormAtTruth = "gradient_norm_at_truth"
        case populationLossAtTruth = "population_loss_at_truth"
    }

    /// The report at the experiment's truth, or at `point` read from the
    /// weights file `weights` (the data stay the experiment's).
    public init(_ e: Experiment, point: [Double]? = nil, weights: String? = nil) throws {
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
        case let .mlp(m): data = m.data.source
        }
        prior = e.prior.summary
        truth = point ?? e.truth
        self.weights = point == nil ? nil : weights
        if let w0 = truth {
            let at = try e.model.accept(PointEvaluation(point: w0))
            lossAtTruth = at.loss
            gradientNormAtTruth = at.gradient.map { $0 * $0 }.reduce(0, +).squareRoot()
            populationLossAtTruth = at.populationLoss
            truthInPrior = w0.withUnsafeBufferPointer { e.prior.contains($0) }
            let warning = e.priorBoundaryWarning()
            truthPriorWarning = warning?.description
            switch warning?.position {
            case nil: truthPriorPosition = "inside"
            case .near?: truthPriorPosition = "near boundary"
            case .on?: truthPriorPosition = "on boundary"
            case .outside?: truthPriorPosition = "outside"
            }
            let margin = "\(Int(Prior.boundaryMargin * 100))% of the box width"
            let named = warning.map { " (\($0.firstCoordinate))" } ?? ""
            switch warning?.position {
            case nil:
                if case .uniform = e.prior { priorLine = "inside (every coordinate more than \(margin) from its bounds)" }
                else { priorLine = "yes (the prior has no boundary)" }
            case .near?: priorLine = "near the boundary\(named), within \(margin): the analytic λ does not apply there"
            case .on?: priorLine = "on the boundary\(named): the analytic λ does not apply there"
            case .outside?: priorLine = "no, outside the prior's support\(named)"
            }
        }
    }

    public var text: String {
        func list<T>(_ xs: [T], limit: Int = 12) -> String {
            let shown = xs.prefix(limit).map { "\($0)" }.joined(separator: ", ")
            return xs.count > limit ? "\(shown), … (\(xs.count) in all)" : shown
        }
        func num(_ x: Double?) -> String { x.map { String(format: "%.10g", $0) } ?? "—" }
        var lines = [(String, String)]()
        if let name { lines.append(("name", name)) }
        lines += [("model", kind), ("dimension", "\(dimension)"), ("parameters", list(parameterNames)),
                  ("n", "\(sampleCount)"), ("data", data), ("prior", prior)]
        if let weights { lines.append(("truth replaced by", "the weights in \(weights)")) }
        if let truth {
            lines += [("truth", "[" + list(truth.map { num($0) }) + "]"),
                      ("truth in prior", priorLine),
                      ("L_n(truth)", num(lossAtTruth)), ("|∇L_n(truth)|", num(gradientNormAtTruth)),
                      ("K(truth)", populationLossAtTruth.map { num($0) } ?? "no closed form")]
        } else {
            lines.append(("truth", "no parameter point given (set truth.parameters)"))
        }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
    }
}
