import JSON

/// The optional `sampler` section, read by the sampling commands (later
/// issues may add keys; unknown keys are still errors).
public struct SamplerSpec: Sendable, Hashable {
    /// `sgld`, `mala`, `sgnht` or `hmc`.
    public var kind: String
    /// ε, the step size.
    public var stepSize: Double?
    public var chains: Int?
    /// Draws kept per chain.
    public var draws: Int?
    /// Steps discarded per chain before the draws.
    public var burnIn: Int?
    /// Keep every `thin`-th step.
    public var thin: Int?
    /// Minibatch size (nil: full batch).
    public var batchSize: Int?
    /// Seed of the chains' random streams (chain k uses stream k).
    public var seed: UInt64?

    public static let kinds = ["sgld", "mala", "sgnht", "hmc"]

    public init(kind: String, stepSize: Double? = nil, chains: Int? = nil, draws: Int? = nil, burnIn: Int? = nil,
                thin: Int? = nil, batchSize: Int? = nil, seed: UInt64? = nil) {
        self.kind = kind
        self.stepSize = stepSize
        self.chains = chains
        self.draws = draws
        self.burnIn = burnIn
        self.thin = thin
        self.batchSize = batchSize
        self.seed = seed
    }

    init(json: JSONValue, path: String) throws {
        var r = try SpecReader(json, path: path)
        kind = try r.required("kind") { try Read.choice($0, $1, SamplerSpec.kinds) }
        stepSize = try r.optional("stepSize", Read.positiveNumber)
        chains = try r.optional("chains", Read.positiveInteger)
        draws = try r.optional("draws", Read.positiveInteger)
        burnIn = try r.optional("burnIn", Read.nonNegativeInteger)
        thin = try r.optional("thin", Read.positiveInteger)
        batchSize = try r.optional("batchSize", Read.positiveInteger)
        seed = try r.optional("seed", Read.seed)
        try r.finish("the sampler")
    }

    var json: JSONValue {
        var o: [String: JSONValue] = ["kind": .string(kind)]
        if let stepSize { o["stepSize"] = .from(stepSize) }
        if let chains { o["chains"] = .integer(Int64(chains)) }
        if let draws { o["draws"] = .integer(Int64(draws)) }
        if let burnIn { o["burnIn"] = .integer(Int64(burnIn)) }
        if let thin { o["thin"] = .integer(Int64(thin)) }
        if let batchSize { o["batchSize"] = .integer(Int64(batchSize)) }
        if let seed { o["seed"] = .integer(Int64(seed)) }
        return .object(o)
    }
}

/// The optional `llc` section: settings of the local learning coefficient
/// λ̂(w*) = nβ (E^β_loc[L_n] − L_n(w*)) (Lau et al. 2023).
public struct LLCSpec: Sendable, Hashable {
    /// nβ (default n / log n).
    public var nbeta: Double?
    /// γ, the strength of the localising term (γ/2)|w − w*|².
    public var localization: Double?
    /// w*: nil means the truth.
    public var at: [Double]?

    public init(nbeta: Double? = nil, localization: Double? = nil, at: [Double]? = nil) {
        self.nbeta = nbeta
        self.localization = localization
        self.at = at
    }

    init(json: JSONValue, path: String) throws {
        var r = try SpecReader(json, path: path)
        nbeta = try r.optional("nbeta", Read.positiveNumber)
        localization = try r.optional("localization", Read.nonNegativeNumber)
        at = try r.optional("at") { v, p -> [Double]? in
            if case .string("truth") = v { return nil }
            guard case .array = v else { throw SpecError(path: p, "expected \"truth\" or an array of numbers, got \(v.summary)") }
            return try Read.array(v, p, Read.number)
        } ?? nil
        try r.finish("the llc settings")
    }

    var json: JSONValue {
        var o: [String: JSONValue] = [:]
        if let nbeta { o["nbeta"] = .from(nbeta) }
        if let localization { o["localization"] = .from(localization) }
        o["at"] = at.map { .array($0.map(JSONValue.from)) } ?? "truth"
        return .object(o)
    }
}

/// The optional `expected` section: the known answer a regression run checks against.
///
/// Either the exact λ (`lambda`, with m where the theorem gives it), or, where
/// the literature gives only a bound, `upperBound` and/or `lowerBound`: every
/// estimator check of such a fixture is a *bound check*, passing when the
/// estimate, moved by its allowed deviation towards the bound, respects it
/// (λ̂ − allowed ≤ upperBound, λ̂ + allowed ≥ lowerBound).
public struct ExpectedSpec: Sendable, Hashable {
    /// λ (a number, or a fraction string such as "3/2" in the JSON); nil when only a bound is known.
    public var lambda: Double?
    /// m, the multiplicity (only with `lambda`).
    public var multiplicity: Int?
    /// A known upper bound on λ (bound fixtures).
    public var upperBound: Double?
    /// A known lower bound on λ (bound fixtures).
    public var lowerBound: Double?
    /// Allowed |λ̂ − λ|, or how far past a bound λ̂ may lie.
    public var tolerance: Double?
    /// Where the value comes from (paper, table).
    public var source: String?

    public init(lambda: Double?, multiplicity: Int? = nil, tolerance: Double? = nil, source: String? = nil,
                upperBound: Double? = nil, lowerBound: Double? = nil) {
        self.lambda = lambda
        self.multiplicity = multiplicity
        self.tolerance = tolerance
        self.source = source
        self.upperBound = upperBound
        self.lowerBound = lowerBound
    }

    /// True when the fixture states only bounds on λ, not its value.
    public var isBound: Bool { lambda == nil }

    /// The value the report shows and plots against: λ, else the upper bound, else the lower.
    public var reference: Double { lambda ?? upperBound ?? lowerBound ?? 0 }

    init(json: JSONValue, path: String) throws {
        var r = try SpecReader(json, path: path)
        lambda = try r.optional("lambda", Read.numberOrFraction)
        upperBound = try r.optional("upperBound", Read.numberOrFraction)
        lowerBound = try r.optional("lowerBound", Read.numberOrFraction)
        multiplicity = try r.optional("multiplicity", Read.positiveInteger)
        tolerance = try r.optional("tolerance", Read.positiveNumber)
        source = try r.optional("source", Read.string)
        guard lambda != nil || upperBound != nil || lowerBound != nil else {
            throw SpecError(path: r.child("lambda"), "missing; give the learning coefficient, or upperBound/lowerBound where only a bound is known")
        }
        try r.finish("the expected answer")
        if let lambda {
            guard lambda > 0 else { throw SpecError(path: r.child("lambda"), "expected a positive learning coefficient, got \(lambda)") }
            if upperBound != nil || lowerBound != nil {
                throw SpecError(path: r.child(upperBound != nil ? "upperBound" : "lowerBound"),
                                "give the exact lambda or bounds on it, not both")
            }
        } else {
            if multiplicity != nil { throw SpecError(path: r.child("multiplicity"), "a multiplicity goes with an exact lambda, not with bounds") }
            for (key, value) in [("upperBound", upperBound), ("lowerBound", lowerBound)] {
                if let value, !(value > 0) { throw SpecError(path: r.child(key), "expected a positive bound, got \(value)") }
            }
            if let lo = lowerBound, let hi = upperBound, lo > hi {
                throw SpecError(path: r.child("lowerBound"), "the lower bound \(lo) exceeds the upper bound \(hi)")
            }
        }
    }

    var json: JSONValue {
        var o: [String: JSONValue] = [:]
        if let lambda { o["lambda"] = .from(lambda) }
        if let upperBound { o["upperBound"] = .from(upperBound) }
        if let lowerBound { o["lowerBound"] = .from(lowerBound) }
        if let multiplicity { o["multiplicity"] = .integer(Int64(multiplicity)) }
        if let tolerance { o["tolerance"] = .from(tolerance) }
        if let source { o["source"] = .string(source) }
        return .object(o)
    }
}
