import Estimators
import JSON

/// One entry of a fixture's `checks` array: an estimator `rlct regress` runs
/// on the fixture and compares with `expected.lambda` (and `expected.multiplicity`
/// where the estimator gives one). The estimate passes when
///
///     |λ̂ − λ| ≤ tolerance + standardErrors · se(λ̂)
///
/// with `tolerance` defaulting to `expected.tolerance`. `quick` holds the
/// cheaper settings and wider tolerances of `rlct regress --quick`.
public struct CheckSpec: Sendable, Hashable {
    /// The estimators a check can name.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// The local learning coefficient by a sampler (`rlct llc`).
        case llc
        /// λ̂ from the temperature dependence of E^β[nL_n] (`rlct temperature`):
        /// the multi-temperature least-squares fit over β = β0/log n, β0 ∈ {0.5, 0.75, 1, 1.5, 2}.
        case temperature
        /// The fit of exact free energies F_n against log n for λ and m (`rlct fit-free-energy`):
        /// quadrature at 13 log-spaced n, 10² … 10⁶ for a potential, 10³ … the data size for a data model (d ≤ 3).
        case freeEnergyFit
        /// The volume-scaling fit of λ and m at w* (`rlct volume`): V(ε) for 25 ε from 10⁻² to 10⁻¹⁰,
        /// by quadrature (d ≤ 3) or nested sampling (seed 1).
        case volume
    }

    /// The overrides of `--quick`: fewer draws, wider tolerances.
    public struct Quick: Sendable, Hashable {
        public var draws: Int?
        public var chains: Int?
        public var burnIn: Int?
        public var tolerance: Double?
        public var standardErrors: Double?
        /// Leave the check out of `--quick` runs (it is slow at any setting, e.g. a 3-D quadrature).
        public var skip: Bool
        public init(draws: Int? = nil, chains: Int? = nil, burnIn: Int? = nil, tolerance: Double? = nil, standardErrors: Double? = nil,
                    skip: Bool = false) {
            self.draws = draws
            self.chains = chains
            self.burnIn = burnIn
            self.tolerance = tolerance
            self.standardErrors = standardErrors
            self.skip = skip
        }
    }

    public var method: Method
    /// The sampler (llc, temperature); nil falls back to the spec's `sampler`.
    public var sampler: SamplerSpec?
    /// The LLC settings (llc); nil falls back to the spec's `llc`.
    public var llc: LLCSpec?
    /// llc: descend to the nearby minimum of L_n before sampling.
    public var optimizeCenter: Bool
    /// volume: restrict to the box w* ± localRadius (the local λ where other zeros of K are near).
    public var localRadius: Double?
    /// volume: the level sets of the population loss K (data models with a closed-form K).
    public var population: Bool
    /// volume: `quadrature` or `montecarlo` (nested sampling); nil: quadrature for d ≤ 3, Monte Carlo above.
    public var volumeMethod: VolumeScaling.Method?
    /// Absolute tolerance on λ̂; nil means `expected.tolerance`.
    public var tolerance: Double?
    /// How many of the estimate's standard errors widen the tolerance (default 0).
    public var standardErrors: Double?
    public var quick: Quick?

    public init(method: Method, sampler: SamplerSpec? = nil, llc: LLCSpec? = nil, optimizeCenter: Bool = false,
                localRadius: Double? = nil, population: Bool = false, volumeMethod: VolumeScaling.Method? = nil, tolerance: Double? = nil, standardErrors: Double? = nil, quick: Quick? = nil) {
        self.method = method
        self.sampler = sampler
        self.llc = llc
        self.optimizeCenter = optimizeCenter
        self.localRadius = localRadius
        self.population = population
        self.volumeMethod = volumeMethod
        self.tolerance = tolerance
        self.standardErrors = standardErrors
        self.quick = quick
    }

    init(json: JSONValue, path: String) throws {
        var r = try SpecReader(json, path: path)
        let name = try r.required("method") { try Read.choice($0, $1, Method.allCases.map(\.rawValue)) }
        method = Method(rawValue: name)!  // Read.choice admitted only raw values
        sampler = try r.optional("sampler") { try SamplerSpec(json: $0, path: $1) }
        llc = try r.optional("llc") { try LLCSpec(json: $0, path: $1) }
        optimizeCenter = try r.optional("optimizeCenter", Read.bool) ?? false
        localRadius = try r.optional("localRadius", Read.positiveNumber)
        population = try r.optional("population", Read.bool) ?? false
        volumeMethod = try r.optional("volumeMethod") { v, p in
            VolumeScaling.Method(rawValue: try Read.choice(v, p, VolumeScaling.Method.allCases.map(\.rawValue)))!  // admitted raw values only
        }
        tolerance = try r.optional("tolerance", Read.positiveNumber)
        standardErrors = try r.optional("standardErrors", Read.nonNegativeNumber)
        quick = try r.optional("quick") { v, p in
            var q = try SpecReader(v, path: p)
            let out = Quick(draws: try q.optional("draws", Read.positiveInteger), chains: try q.optional("chains", Read.positiveInteger),
                            burnIn: try q.optional("burnIn", Read.nonNegativeInteger), tolerance: try q.optional("tolerance", Read.positiveNumber),
                            standardErrors: try q.optional("standardErrors", Read.nonNegativeNumber),
                            skip: try q.optional("skip", Read.bool) ?? false)
            try q.finish("the quick settings")
            return out
        }
        try r.finish("a check")
        if method != .volume, localRadius != nil { throw SpecError(path: r.child("localRadius"), "only a volume check takes a local radius") }
        if method != .volume, population { throw SpecError(path: r.child("population"), "only a volume check measures the population loss") }
        if method != .volume, volumeMethod != nil { throw SpecError(path: r.child("volumeMethod"), "only a volume check integrates level sets") }
        if !method.runsSampler, sampler != nil { throw SpecError(path: r.child("sampler"), "the \(name) check runs no sampler") }
        if method != .llc {
            if llc != nil { throw SpecError(path: r.child("llc"), "only an llc check takes llc settings") }
            if optimizeCenter { throw SpecError(path: r.child("optimizeCenter"), "only an llc check moves w*") }
        }
    }

    var json: JSONValue {
        var o: [String: JSONValue] = ["method": .string(method.rawValue)]
        if let sampler { o["sampler"] = sampler.json }
        if let llc { o["llc"] = llc.json }
        if optimizeCenter { o["optimizeCenter"] = .bool(true) }
        if let localRadius { o["localRadius"] = .from(localRadius) }
        if population { o["population"] = .bool(true) }
        if let volumeMethod { o["volumeMethod"] = .string(volumeMethod.rawValue) }
        if let tolerance { o["tolerance"] = .from(tolerance) }
        if let standardErrors { o["standardErrors"] = .from(standardErrors) }
        if let quick {
            var q: [String: JSONValue] = [:]
            if let v = quick.draws { q["draws"] = .integer(Int64(v)) }
            if let v = quick.chains { q["chains"] = .integer(Int64(v)) }
            if let v = quick.burnIn { q["burnIn"] = .integer(Int64(v)) }
            if let v = quick.tolerance { q["tolerance"] = .from(v) }
            if let v = quick.standardErrors { q["standardErrors"] = .from(v) }
            if quick.skip { q["skip"] = .bool(true) }
            o["quick"] = .object(q)
        }
        return .object(o)
    }
}

extension CheckSpec.Method {
    /// Whether the method samples (and so needs a `sampler`).
    public var runsSampler: Bool {
        switch self {
        case .llc, .temperature: return true
        case .freeEnergyFit, .volume: return false
        }
    }
}
