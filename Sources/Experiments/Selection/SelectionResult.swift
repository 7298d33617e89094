import Estimators

/// What `rlct select` reports for one dataset: a row per candidate and the
/// candidate each criterion selects. Every criterion is on the free-energy
/// scale (lower is better).
public struct SelectionResult: Sendable, Codable {
    public struct Row: Sendable, Codable {
        public var candidate: SelectionCandidate
        /// ℓ̂, the maximised log-likelihood (constants kept: ℓ̂ = −n L_n(ŵ)).
        public var logLikelihood: Double
        /// λ_ii, the candidate's own generic learning coefficient (dim/2).
        public var lambda: Double
        public var bic: Double
        public var sbic: Double
        public var wbic: Double?
        /// WBIC's Monte Carlo standard error.
        public var wbicError: Double?
        public var wbicVerdict: Verdict?
        public var divergences: Int?
        public var freeEnergy: Double?
        public var freeEnergyError: Double?

        public init(candidate: SelectionCandidate, logLikelihood: Double, lambda: Double, bic: Double, sbic: Double) {
            self.candidate = candidate
            self.logLikelihood = logLikelihood
            self.lambda = lambda
            self.bic = bic
            self.sbic = sbic
        }

        /// The value of `criterion`, if computed.
        public func value(_ criterion: SelectionCriterion) -> Double? {
            switch criterion {
            case .bic: return bic
            case .sbic: return sbic
            case .wbic: return wbic
            case .exact: return freeEnergy
            }
        }

        enum CodingKeys: String, CodingKey {
            case candidate, logLikelihood = "log_likelihood", lambda, bic, sbic, wbic, wbicError = "wbic_error",
                 wbicVerdict = "wbic_verdict", divergences, freeEnergy = "free_energy", freeEnergyError = "free_energy_error"
        }
    }

    /// A criterion and the candidate it selects.
    public struct Choice: Sendable, Codable, Equatable {
        public var criterion: SelectionCriterion
        /// Index into `rows`.
        public var index: Int
        public var name: String
        public var rank: Int
    }

    public var family: String
    public var sampleCount: Int
    public var sigma: Double
    public var rows: [Row]
    public var criteria: [SelectionCriterion]
    /// The relative residual of the sBIC equations at their solution.
    public var sbicResidual: Double
    /// λ_ij with their provenance ([candidate i][truth j], nil for j ⋠ i),
    /// for the families where some are bounds or depend on the specs (tanh, polynomial candidates).
    public var pairCoefficients: [[PairCoefficient?]]?

    /// The selection of every criterion that was computed for all candidates, in `criteria` order.
    public var selected: [Choice] {
        criteria.compactMap { c in
            guard let i = Self.argmin(rows.map { $0.value(c) }) else { return nil }
            return Choice(criterion: c, index: i, name: rows[i].candidate.name, rank: rows[i].candidate.rank)
        }
    }

    /// The first index of the smallest value; nil if any value is missing.
    static func argmin(_ values: [Double?]) -> Int? {
        var best: (Int, Double)?
        for (i, v) in values.enumerated() {
            guard let v else { return nil }
            if best == nil || v < best!.1 { best = (i, v) }
        }
        return best?.0
    }

    enum CodingKeys: String, CodingKey {
        case family, sampleCount = "n", sigma, rows = "candidates", criteria, sbicResidual = "sbic_residual", selected,
             pairCoefficients = "pair_coefficients"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(family, forKey: .family)
        try c.encode(sampleCount, forKey: .sampleCount)
        try c.encode(sigma, forKey: .sigma)
        try c.encode(criteria, forKey: .criteria)
        try c.encode(rows, forKey: .rows)
        try c.encode(sbicResidual, forKey: .sbicResidual)
        try c.encode(selected, forKey: .selected)
        try c.encodeIfPresent(pairCoefficients, forKey: .pairCoefficients)
    }

    public init(family: String, sampleCount: Int, sigma: Double, rows: [Row], criteria: [SelectionCriterion], sbicResidual: Double) {
        self.family = family
        self.sampleCount = sampleCount
        self.sigma = sigma
        self.rows = rows
        self.criteria = criteria
        self.sbicResidual = sbicResidual
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        family = try c.decode(String.self, forKey: .family)
        sampleCount = try c.decode(Int.self, forKey: .sampleCount)
        sigma = try c.decode(Double.self, forKey: .sigma)
        rows = try c.decode([Row].self, forKey: .rows)
        criteria = try c.decode([SelectionCriterion].self, forKey: .criteria)
        sbicResidual = try c.decode(Double.self, forKey: .sbicResidual)
        pairCoefficients = try c.decodeIfPresent([[PairCoefficient?]].self, forKey: .pairCoefficients)
    }
}
