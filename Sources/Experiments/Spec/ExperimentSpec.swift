import Foundation
import JSON

/// One experiment: model, truth, data, prior and, for the estimators,
/// sampler and LLC settings and the expected answer. The JSON format is
/// documented in `docs/spec.md`. Decoding is strict: unknown keys are
/// errors, and every error names its JSON path.
public struct ExperimentSpec: Sendable, Hashable, Codable {
    public var name: String?
    public var description: String?
    public var model: ModelSpec
    /// nil: the model kind's default truth (zero).
    public var truth: TruthSpec?
    /// nil for a potential (no data); required for every other model.
    public var data: DataSpec?
    /// nil: uniform on [−1, 1]^d.
    public var prior: PriorSpec?
    public var sampler: SamplerSpec?
    public var llc: LLCSpec?
    public var expected: ExpectedSpec?
    /// The estimators `rlct regress` runs against `expected` (fixtures only).
    public var checks: [CheckSpec]?

    public init(name: String? = nil, description: String? = nil, model: ModelSpec, truth: TruthSpec? = nil,
                data: DataSpec? = nil, prior: PriorSpec? = nil, sampler: SamplerSpec? = nil, llc: LLCSpec? = nil,
                expected: ExpectedSpec? = nil, checks: [CheckSpec]? = nil) {
        self.name = name
        self.description = description
        self.model = model
        self.truth = truth
        self.data = data
        self.prior = prior
        self.sampler = sampler
        self.llc = llc
        self.expected = expected
        self.checks = checks
    }

    /// Validates a parsed JSON tree.
    public init(json: JSONValue) throws {
        var r = try SpecReader(json, path: "")
        name = try r.optional("name", Read.string)
        description = try r.optional("description", Read.string)
        model = try r.required("model") { try ModelSpec(json: $0, path: $1) }
        let kind = model.kind
        truth = try r.optional("truth") { try TruthSpec(json: $0, path: $1, modelKind: kind) }
        data = try r.optional("data") { try DataSpec(json: $0, path: $1) }
        prior = try r.optional("prior") { try PriorSpec(json: $0, path: $1) }
        sampler = try r.optional("sampler") { try SamplerSpec(json: $0, path: $1) }
        llc = try r.optional("llc") { try LLCSpec(json: $0, path: $1) }
        expected = try r.optional("expected") { try ExpectedSpec(json: $0, path: $1) }
        checks = try r.optional("checks") { try Read.array($0, $1) { try CheckSpec(json: $0, path: $1) } }
        try r.finish("the spec")
        if let checks {
            guard let expected else {
                throw SpecError(path: "checks", "checks compare estimates with the expected answer; add an expected section")
            }
            for (i, check) in checks.enumerated() {
                if check.tolerance == nil && expected.tolerance == nil {
                    throw SpecError(path: "checks[\(i)].tolerance", "missing, and expected.tolerance is not given either")
                }
                if check.method.runsSampler && check.sampler == nil && sampler == nil {
                    throw SpecError(path: "checks[\(i)].sampler", "missing; a\(check.method == .llc ? "n" : "") \(check.method.rawValue) check names its sampler (or the spec has a sampler section)")
                }
            }
        }
        if case .potential = model, data != nil {
            throw SpecError(path: "data", "a potential has no data (its n is model.n)")
        }
        if model.kind != "potential", data == nil {
            throw SpecError(path: "data", "missing; a \(kind) model needs data (synthetic, csv, npz or npy)")
        }
        if case let .mlp(_, _, _, head, _) = model, head.isClassifier, case .synthetic(_, _, _, _?) = data {
            throw SpecError(path: "data.noise", "a \(head.name) head draws labels from its class probabilities; it has no noise σ")
        }
        if case let .tensors(t) = data {
            let classifier: Bool
            if case let .mlp(_, _, _, head, _) = model { classifier = head.isClassifier } else { classifier = false }
            if t.labels != classifier {
                throw SpecError(path: "data.\(t.outputsKey)", classifier
                    ? "a classifier reads integer class labels; name the array as data.labels"
                    : "a \(kind) model with a gaussian likelihood reads float outputs; name the array as data.targets")
            }
        }
        if case let .csv(_, inputs, outputs) = data, let shape = model.shape {
            if inputs.count != shape.inputs {
                throw SpecError(path: "data.inputs", "the model takes \(shape.inputs) inputs, got \(inputs.count) columns")
            }
            if outputs.count != shape.outputs {
                throw SpecError(path: "data.outputs", "the model has \(shape.outputs) outputs, got \(outputs.count) columns")
            }
        }
    }

    /// Decodes JSON bytes; `source` names the file in a syntax error.
    public static func decode(_ data: Data, source: String = "spec") throws -> ExperimentSpec {
        try ExperimentSpec(json: try JSONValue.parseSpec(data, source: source))
    }

    /// Reads and decodes a spec file.
    public static func load(path: String) throws -> ExperimentSpec {
        let data = try JSONValue.contents(ofFile: path)
        return try decode(data, source: path)
    }

    /// The spec as a JSON tree (what `encode(to:)` writes).
    public var json: JSONValue {
        var o: [String: JSONValue] = ["model": model.json]
        if let name { o["name"] = .string(name) }
        if let description { o["description"] = .string(description) }
        if let truth { o["truth"] = truth.json }
        if let data { o["data"] = data.json }
        if let prior { o["prior"] = prior.json }
        if let sampler { o["sampler"] = sampler.json }
        if let llc { o["llc"] = llc.json }
        if let expected { o["expected"] = expected.json }
        if let checks { o["checks"] = .array(checks.map(\.json)) }
        return .object(o)
    }

    public init(from decoder: Decoder) throws {
        try self.init(json: JSONValue(from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try json.encode(to: encoder)
    }
}
