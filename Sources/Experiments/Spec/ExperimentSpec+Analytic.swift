import Analytic
import Polynomials

extension ExperimentSpec {
    /// The learning coefficient a theorem gives for this spec's model and
    /// truth, or a thrown error saying why none applies. The point is
    /// `llc.at`, else `truth.parameters`, else the origin.
    public func analyticCoefficient() throws -> LearningCoefficient {
        let point = llc?.at ?? truth?.parameters
        func named(_ variables: [String]) -> [String: Double] {
            guard let point else { return [:] }
            return Dictionary(uniqueKeysWithValues: zip(variables, point))
        }
        func parse(_ text: String, _ path: String) throws -> Polynomial {
            do { return try Polynomial(parsing: text) } catch { throw SpecError(path: path, "\(error)") }
        }
        switch model {
        case let .potential(k, variables, _):
            let poly = try parse(k, "model.k")
            return try NewtonPolyhedronMethod.potential(poly, at: named(variables ?? poly.variables))
        case let .polynomialRegression(q, variables, _):
            let poly = try parse(q, "model.q") - Polynomial(constant: truth?.a ?? 0)
            return try NewtonPolyhedronMethod.regressionOutput(poly, at: named(variables ?? poly.variables))
        case let .linearRegression(inputs, outputs, bias, _):
            return try Regular.coefficient(dimension: outputs * (inputs + (bias ? 1 : 0)))
        case let .reducedRankRegression(inputs, outputs, hidden, _):
            return try ReducedRankRegression(inputs: inputs, outputs: outputs, hidden: hidden, trueRank: truth?.rank ?? 0).coefficient()
        case let .deepLinearNetwork(widths, _):
            return try DeepLinearNetwork(widths: widths, trueRank: truth?.rank ?? 0).coefficient()
        case let .tanhNetwork(inputs, outputs, hidden, biases, _):
            guard inputs == 1, outputs == 1, !biases else {
                throw SpecError(path: "model", "the tanh theorem covers 1 input, 1 output and no biases; got \(inputs) in, \(outputs) out, biases \(biases)")
            }
            return try TanhNetwork(hidden: hidden, activeTrueUnits: truth?.activeUnits ?? 0).coefficient()
        case .reluNetwork:
            throw SpecError(path: "model.kind", "no theorem gives the learning coefficient of a ReLU network")
        case .mlp:
            throw SpecError(path: "model.kind", "no theorem gives the learning coefficient of a general MLP (tanhNetwork has one)")
        }
    }
}
