import JSON
import Models

/// The `model` section of a spec: which model, and its architecture.
public enum ModelSpec: Sendable, Hashable {
    /// y = Q(w)·x + ε; `q` is the polynomial text, `variables` an optional
    /// parameter order (default: Q's variables in natural order).
    case polynomialRegression(q: String, variables: [String]?, sigma: Double)
    /// K(w) as the loss, with the n of exp(−nβK).
    case potential(k: String, variables: [String]?, n: Int)
    /// y = W x + b + ε.
    case linearRegression(inputs: Int, outputs: Int, bias: Bool, sigma: Double)
    /// y = B A x + ε, A: hidden×inputs, B: outputs×hidden.
    case reducedRankRegression(inputs: Int, outputs: Int, hidden: Int, sigma: Double)
    /// y = W_L ⋯ W_1 x + ε, widths input first.
    case deepLinearNetwork(widths: [Int], sigma: Double)
    /// y = Σ_j b_j tanh(a_j·x + c_j) + d + ε.
    case tanhNetwork(inputs: Int, outputs: Int, hidden: Int, biases: Bool, sigma: Double)
    /// ReLU MLP with the given widths.
    case reluNetwork(widths: [Int], biases: Bool, sigma: Double)
    /// A general MLP: widths, one activation per hidden layer, biases, and
    /// a likelihood head (gaussian with its σ, softmax, logistic).
    case mlp(widths: [Int], activations: [MLP.Activation], biases: Bool, head: MLP.Head, precision: MLP.Precision = .double)

    /// The `kind` strings, in documentation order.
    public static let kinds = ["polynomialRegression", "potential", "linearRegression", "reducedRankRegression",
                               "deepLinearNetwork", "tanhNetwork", "reluNetwork", "mlp"]

    public var kind: String {
        switch self {
        case .polynomialRegression: return "polynomialRegression"
        case .potential: return "potential"
        case .linearRegression: return "linearRegression"
        case .reducedRankRegression: return "reducedRankRegression"
        case .deepLinearNetwork: return "deepLinearNetwork"
        case .tanhNetwork: return "tanhNetwork"
        case .reluNetwork: return "reluNetwork"
        case .mlp: return "mlp"
        }
    }

    /// Input and output sizes (nil for a potential).
    public var shape: (inputs: Int, outputs: Int)? {
        switch self {
        case .polynomialRegression: return (1, 1)
        case .potential: return nil
        case let .linearRegression(m, n, _, _), let .reducedRankRegression(m, n, _, _), let .tanhNetwork(m, n, _, _, _):
            return (m, n)
        case let .deepLinearNetwork(widths, _), let .reluNetwork(widths, _, _):
            return (widths[0], widths[widths.count - 1])
        case let .mlp(widths, _, _, head, _):
            return (widths[0], head.isClassifier ? 1 : widths[widths.count - 1])
        }
    }

    /// σ of the noise (nil for a potential).
    public var sigma: Double? {
        switch self {
        case let .polynomialRegression(_, _, s), let .linearRegression(_, _, _, s), let .reducedRankRegression(_, _, _, s),
             let .deepLinearNetwork(_, s), let .tanhNetwork(_, _, _, _, s), let .reluNetwork(_, _, s):
            return s
        case let .mlp(_, _, _, .gaussian(noise), _): return noise.sigma
        case .potential, .mlp: return nil
        }
    }

    init(json: JSONValue, path: String) throws {
        var r = try SpecReader(json, path: path)
        let kind = try r.required("kind") { try Read.choice($0, $1, ModelSpec.kinds) }
        func sigma(_ r: inout SpecReader) throws -> Double { try r.optional("sigma", Read.positiveNumber) ?? 1 }
        func widths(_ r: inout SpecReader) throws -> [Int] {
            let w = try r.required("widths") { try Read.array($0, $1, Read.positiveInteger) }
            guard w.count >= 2 else { throw SpecError(path: r.child("widths"), "expected at least two widths (input and output), got \(w.count)") }
            return w
        }
        func names(_ v: JSONValue, _ p: String) throws -> [String] { try Read.array(v, p, Read.nonEmptyString) }
        switch kind {
        case "polynomialRegression":
            self = .polynomialRegression(q: try r.required("q", Read.nonEmptyString),
                                         variables: try r.optional("variables", names), sigma: try sigma(&r))
        case "potential":
            self = .potential(k: try r.required("k", Read.nonEmptyString),
                              variables: try r.optional("variables", names), n: try r.required("n", Read.positiveInteger))
        case "linearRegression":
            self = .linearRegression(inputs: try r.required("inputs", Read.positiveInteger),
                                     outputs: try r.required("outputs", Read.positiveInteger),
                                     bias: try r.optional("bias", Read.bool) ?? true, sigma: try sigma(&r))
        case "reducedRankRegression":
            self = .reducedRankRegression(inputs: try r.required("inputs", Read.positiveInteger),
                                          outputs: try r.required("outputs", Read.positiveInteger),
                                          hidden: try r.required("hidden", Read.positiveInteger), sigma: try sigma(&r))
        case "deepLinearNetwork":
            self = .deepLinearNetwork(widths: try widths(&r), sigma: try sigma(&r))
        case "tanhNetwork":
            self = .tanhNetwork(inputs: try r.required("inputs", Read.positiveInteger),
                                outputs: try r.required("outputs", Read.positiveInteger),
                                hidden: try r.required("hidden", Read.positiveInteger),
                                biases: try r.optional("biases", Read.bool) ?? false, sigma: try sigma(&r))
        case "reluNetwork":
            self = .reluNetwork(widths: try widths(&r), biases: try r.optional("biases", Read.bool) ?? true, sigma: try sigma(&r))
        default:
            self = try Self.decodeMLP(&r, widths: try widths(&r))
        }
        try r.finish("a \(kind) model")
    }

    var json: JSONValue {
        var o: [String: JSONValue] = ["kind": .string(kind)]
        switch self {
        case let .polynomialRegression(q, variables, sigma):
            o["q"] = .string(q)
            if let variables { o["variables"] = .array(variables.map(JSONValue.string)) }
            o["sigma"] = .from(sigma)
        case let .potential(k, variables, n):
            o["k"] = .string(k)
            if let variables { o["variables"] = .array(variables.map(JSONValue.string)) }
            o["n"] = .integer(Int64(n))
        case let .linearRegression(m, n, bias, sigma):
            o["inputs"] = .integer(Int64(m)); o["outputs"] = .integer(Int64(n)); o["bias"] = .bool(bias); o["sigma"] = .from(sigma)
        case let .reducedRankRegression(m, n, h, sigma):
            o["inputs"] = .integer(Int64(m)); o["outputs"] = .integer(Int64(n)); o["hidden"] = .integer(Int64(h)); o["sigma"] = .from(sigma)
        case let .deepLinearNetwork(widths, sigma):
            o["widths"] = .array(widths.map { .integer(Int64($0)) }); o["sigma"] = .from(sigma)
        case let .tanhNetwork(m, n, h, biases, sigma):
            o["inputs"] = .integer(Int64(m)); o["outputs"] = .integer(Int64(n)); o["hidden"] = .integer(Int64(h))
            o["biases"] = .bool(biases); o["sigma"] = .from(sigma)
        case let .reluNetwork(widths, biases, sigma):
            o["widths"] = .array(widths.map { .integer(Int64($0)) }); o["biases"] = .bool(biases); o["sigma"] = .from(sigma)
        case let .mlp(widths, activations, biases, head, precision):
            o["widths"] = .array(widths.map { .integer(Int64($0)) })
            o["activations"] = .array(activations.map { .string($0.rawValue) })
            o["biases"] = .bool(biases)
            o["head"] = .string(head.name)
            if case let .gaussian(noise) = head { o["sigma"] = .from(noise.sigma) }
            if precision != .double { o["precision"] = .string(precision.rawValue) }
        }
        return .object(o)
    }
}
