import JSON
import Models

/// The `data` section: synthetic data drawn from the truth, or a CSV file.
public enum DataSpec: Sendable, Hashable {
    /// n samples with i.i.d. inputs from `inputs` and Gaussian noise
    /// (σ = `noise`, default the model's σ), from stream 0 of `seed`.
    case synthetic(n: Int, seed: UInt64, inputs: InputDistribution, noise: Double?)
    /// A CSV file (path relative to the spec file) with named columns.
    case csv(file: String, inputs: [String], outputs: [String])
    /// NumPy arrays: two of one `.npz` archive, or two `.npy` files.
    case tensors(TensorDataSpec)

    /// Sample count when known without reading a file.
    public var count: Int? {
        if case let .synthetic(n, _, _, _) = self { return n }
        return nil
    }

    init(json: JSONValue, path: String) throws {
        var r = try SpecReader(json, path: path)
        let kind = try r.required("kind") { try Read.choice($0, $1, ["synthetic", "csv", "npz", "npy"]) }
        if let format = TensorDataSpec.Format(rawValue: kind) {
            self = .tensors(try TensorDataSpec(reader: &r, format: format))
        } else if kind == "synthetic" {
            let n = try r.required("n", Read.positiveInteger)
            let seed = try r.optional("seed", Read.seed) ?? 1
            let inputs = try r.optional("inputs", DataSpec.distribution) ?? .standardNormal
            let noise = try r.optional("noise", Read.nonNegativeNumber)
            self = .synthetic(n: n, seed: seed, inputs: inputs, noise: noise)
        } else {
            let names: (JSONValue, String) throws -> [String] = { try Read.array($0, $1, Read.nonEmptyString) }
            self = .csv(file: try r.required("file", Read.nonEmptyString), inputs: try r.required("inputs", names),
                        outputs: try r.required("outputs", names))
        }
        try r.finish("\(kind) data")
    }

    static func distribution(_ v: JSONValue, _ path: String) throws -> InputDistribution {
        var r = try SpecReader(v, path: path)
        let kind = try r.required("distribution") { try Read.choice($0, $1, ["normal", "uniform"]) }
        let law: InputDistribution
        if kind == "normal" {
            law = .normal(mean: try r.optional("mean", Read.number) ?? 0, sd: try r.optional("sd", Read.positiveNumber) ?? 1)
        } else {
            let lower = try r.optional("lower", Read.number) ?? -1, upper = try r.optional("upper", Read.number) ?? 1
            guard lower < upper else { throw SpecError(path: r.child("upper"), "expected upper > lower = \(lower), got \(upper)") }
            law = .uniform(lower: lower, upper: upper)
        }
        try r.finish("a \(kind) input distribution")
        return law
    }

    var json: JSONValue {
        switch self {
        case let .synthetic(n, seed, inputs, noise):
            var o: [String: JSONValue] = ["kind": "synthetic", "n": .integer(Int64(n)), "seed": .integer(Int64(seed))]
            switch inputs {
            case let .normal(mean, sd): o["inputs"] = ["distribution": "normal", "mean": .from(mean), "sd": .from(sd)]
            case let .uniform(lower, upper): o["inputs"] = ["distribution": "uniform", "lower": .from(lower), "upper": .from(upper)]
            }
            if let noise { o["noise"] = .from(noise) }
            return .object(o)
        case let .tensors(t):
            return .object(t.json)
        case let .csv(file, inputs, outputs):
            return ["kind": "csv", "file": .string(file), "inputs": .array(inputs.map(JSONValue.string)),
                    "outputs": .array(outputs.map(JSONValue.string))]
        }
    }
}
