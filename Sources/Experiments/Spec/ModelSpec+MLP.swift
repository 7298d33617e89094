import JSON
import Models

extension ModelSpec {
    /// The keys of an `mlp` model after `kind` and `widths`: `activations`
    /// (one name per hidden layer, or one name for all), `biases` (default
    /// true), `head` (default `gaussian`; `softmax`, `logistic`,
    /// `pinnedSoftmax`), `sigma` (gaussian head only, default 1) and
    /// `precision` (`float64`, the default, or `float32`: `MLP.Precision`).
    static func decodeMLP(_ r: inout SpecReader, widths: [Int]) throws -> ModelSpec {
        let hidden = widths.count - 2
        let names = MLP.Activation.allCases.map(\.rawValue)
        func activation(_ v: JSONValue, _ path: String) throws -> MLP.Activation {
            MLP.Activation(rawValue: try Read.choice(v, path, names))!
        }
        let activations: [MLP.Activation]
        let raw = r.object["activations"]
        if case .string? = raw {
            let one = try r.required("activations", activation)
            activations = Array(repeating: one, count: hidden)
        } else if hidden == 0 && (raw == nil || raw == .null) {
            _ = try r.optional("activations") { _, _ in 0 }
            activations = []
        } else {
            let list = try r.required("activations") { v, p in try Read.array(v, p, nonEmpty: hidden > 0, activation) }
            guard list.count == hidden else {
                throw SpecError(path: r.child("activations"),
                                "expected one activation per hidden layer (\(hidden)) or one name for all, got \(list.count)")
            }
            activations = list
        }
        let biases = try r.optional("biases", Read.bool) ?? true
        let headName = try r.optional("head") { try Read.choice($0, $1, MLP.Head.names) } ?? "gaussian"
        let sigma = try r.optional("sigma", Read.positiveNumber)
        let out = widths[widths.count - 1]
        let head: MLP.Head
        switch headName {
        case "gaussian":
            head = .gaussian(GaussianNoise(sigma: sigma ?? 1))
        case "softmax":
            guard out >= 2 else {
                throw SpecError(path: r.child("widths[\(widths.count - 1)]"), "a softmax head needs at least 2 output units (classes), got \(out)")
            }
            head = .softmax
        case "pinnedSoftmax":
            head = .pinnedSoftmax
        default:
            guard out == 1 else {
                throw SpecError(path: r.child("widths[\(widths.count - 1)]"), "a logistic head needs exactly 1 output unit, got \(out)")
            }
            head = .logistic
        }
        if sigma != nil && head.isClassifier {
            throw SpecError(path: r.child("sigma"), "only a gaussian head has a noise σ; a \(headName) head has none")
        }
        let precision = try r.optional("precision") { MLP.Precision(rawValue: try Read.choice($0, $1, MLP.Precision.allCases.map(\.rawValue)))! }
        return .mlp(widths: widths, activations: activations, biases: biases, head: head, precision: precision ?? .double)
    }
}
