import JSON

/// The `truth` section: the true parameter (or true function) the data are
/// drawn from. Which keys are allowed depends on the model kind; each kind
/// has a default (the zero truth of the tables of known λ).
public struct TruthSpec: Sendable, Hashable {
    /// An explicit true parameter w0, in the model's layout (any kind); for
    /// a ReLU network with `widths`, the smaller network's parameters.
    public var parameters: [Double]?
    /// polynomialRegression: the true coefficient a in y = a·x + ε (default 0).
    public var a: Double?
    /// linearRegression / reducedRankRegression / deepLinearNetwork: rank of
    /// the true map, built as 1/2 on the diagonal of every factor (default 0),
    /// inside the default prior [−1, 1]^d with margin.
    public var rank: Int?
    /// tanhNetwork: number of active true units H0 (default 0).
    public var activeUnits: Int?
    /// reluNetwork, mlp: widths of a smaller true network embedded in the model.
    public var widths: [Int]?
    /// reluNetwork, mlp with `widths`: draw the smaller network's parameters
    /// from N(0, 1) with this seed; mlp without `widths`: all of its parameters.
    public var seed: UInt64?
    /// A weights file (safetensors, `.npy`, `.npz`; path relative to the spec
    /// file) holding w0 as PyTorch tensors (`ModelSpec.expectedLayers`).
    public var file: String?
    /// With `file`: the model's tensor names → the file's (`"0.weight": "encoder.weight"`);
    /// names not in the map are looked up as they are.
    public var weightsMap: [String: String]?
    /// potential, polynomialRegression: `"truth": "global"`, the true set over
    /// the prior's support (the analytic check takes the global λ there).
    public var global: Bool = false

    public init(parameters: [Double]? = nil, a: Double? = nil, rank: Int? = nil, activeUnits: Int? = nil,
                widths: [Int]? = nil, seed: UInt64? = nil, file: String? = nil, weightsMap: [String: String]? = nil) {
        self.parameters = parameters
        self.a = a
        self.rank = rank
        self.activeUnits = activeUnits
        self.widths = widths
        self.seed = seed
        self.file = file
        self.weightsMap = weightsMap
    }

    init(json: JSONValue, path: String, modelKind kind: String) throws {
        if case let .string(text) = json {
            guard text == "global" else { throw SpecError(path: path, "expected an object or \"global\", got \"\(text)\"") }
            guard kind == "potential" || kind == "polynomialRegression" else {
                throw SpecError(path: path, "\"global\" (every zero of K in the prior's support) applies to potential and polynomialRegression models, not \(kind)")
            }
            self.init()
            global = true
            return
        }
        var r = try SpecReader(json, path: path)
        self.init()
        parameters = try r.optional("parameters") { try Read.array($0, $1, nonEmpty: true, Read.number) }
        file = try r.optional("file", Read.nonEmptyString)
        weightsMap = try r.optional("weightsMap", TruthSpec.nameMap)
        switch kind {
        case "polynomialRegression":
            a = try r.optional("a", Read.number)
        case "linearRegression", "reducedRankRegression", "deepLinearNetwork":
            rank = try r.optional("rank", Read.nonNegativeInteger)
        case "tanhNetwork":
            activeUnits = try r.optional("activeUnits", Read.nonNegativeInteger)
        case "reluNetwork", "mlp":
            widths = try r.optional("widths") { try Read.array($0, $1, Read.positiveInteger) }
            seed = try r.optional("seed", Read.seed)
            if seed != nil && widths == nil && kind == "reluNetwork" { throw SpecError(path: r.child("seed"), "needs truth.widths (the smaller network to draw)") }
            if widths != nil && (seed == nil) == (parameters == nil) {
                throw SpecError(path: r.child("widths"), "give exactly one of truth.parameters (the smaller network's) or truth.seed")
            }
            if seed != nil && widths == nil && parameters != nil {
                throw SpecError(path: r.child("seed"), "give either truth.parameters or truth.seed (drawing all of them), not both")
            }
        default:
            break
        }
        try r.finish("the truth of a \(kind) model")
        if weightsMap != nil && file == nil {
            throw SpecError(path: r.child("weightsMap"), "maps the model's tensor names to a weights file's; give truth.file too")
        }
        if file != nil {
            let others = [("parameters", parameters != nil), ("a", a != nil), ("rank", rank != nil),
                          ("activeUnits", activeUnits != nil), ("widths", widths != nil), ("seed", seed != nil)]
            if let other = others.first(where: { $0.1 }) {
                throw SpecError(path: r.child("file"), "give either truth.file or truth.\(other.0), not both")
            }
            if kind == "polynomialRegression" || kind == "potential" {
                throw SpecError(path: r.child("file"), "a \(kind) model has no layers to read from a weights file; give truth.parameters")
            }
        }
        let shortcuts = [rank != nil, activeUnits != nil].filter { $0 }.count
        if shortcuts > 0 && parameters != nil {
            throw SpecError(path: r.child("parameters"), "give either parameters or \(rank != nil ? "rank" : "activeUnits"), not both")
        }
    }

    /// A JSON object of strings to strings (`{"0.weight": "encoder.weight"}`).
    static func nameMap(_ v: JSONValue, _ path: String) throws -> [String: String] {
        guard case let .object(o) = v else { throw SpecError(path: path, "expected an object of tensor names, e.g. {\"0.weight\": \"encoder.weight\"}") }
        var out: [String: String] = [:]
        for key in o.keys.sorted() {
            guard !key.isEmpty else { throw SpecError(path: path, "expected non-empty tensor names, got an empty key") }
            out[key] = try Read.nonEmptyString(o[key]!, "\(path).\(key)")
        }
        return out
    }

    var json: JSONValue {
        if global { return .string("global") }
        var o: [String: JSONValue] = [:]
        if let parameters { o["parameters"] = .array(parameters.map(JSONValue.from)) }
        if let a { o["a"] = .from(a) }
        if let rank { o["rank"] = .integer(Int64(rank)) }
        if let activeUnits { o["activeUnits"] = .integer(Int64(activeUnits)) }
        if let widths { o["widths"] = .array(widths.map { .integer(Int64($0)) }) }
        if let seed { o["seed"] = .integer(Int64(seed)) }
        if let file { o["file"] = .string(file) }
        if let weightsMap { o["weightsMap"] = .object(weightsMap.mapValues(JSONValue.string)) }
        return .object(o)
    }
}
