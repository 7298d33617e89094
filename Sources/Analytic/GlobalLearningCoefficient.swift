import Polynomials

/// The global learning coefficient of a potential K over the prior's
/// support: the minimum of the local λ over the true parameters (the zeros
/// of K), with m the largest order among the points attaining it
/// (Watanabe 2009: ζ(z) is a sum of local zeta functions over a partition of
/// unity; its largest pole is the smallest local one, of the largest order
/// among them).
///
/// - One variable (`exhaustive`): every real zero of K in the support,
///   counted exactly by Sturm sequences; a zero of multiplicity k has local
///   λ = 1/k, m = 1, so λ = 1/k_max over the support and m = 1.
/// - More variables: multi-start local minimisation inside the box; the
///   local λ at each distinct minimum found (`NewtonPolyhedronMethod`, at the
///   minimum rounded to the shortest decimal where K is exactly 0). The
///   answer is then "over the minima found", not a proof.
public struct GlobalLearningCoefficient: Sendable {
    /// One minimum found (or, in one variable, one zero of K).
    public struct Minimum: Sendable {
        /// The point, in the order of `K.variables`.
        public var point: [Double]
        /// `(w1 = 0, w2 = 1.6)`, exact where it was verified.
        public var text: String
        /// K at the point (0 when verified exactly).
        public var value: Double
        /// Whether K is exactly 0 there.
        public var isExactZero: Bool
        /// The local coefficient, or nil with `reason`.
        public var local: LearningCoefficient?
        public var reason: String?
    }

    /// The global λ (m, method, source, where attained).
    public var coefficient: LearningCoefficient
    /// Every zero (one variable) or distinct minimum found (more variables).
    public var minima: [Minimum]
    /// True when every zero in the support was found and verified (one variable).
    public var isExhaustive: Bool
}

extension GlobalLearningCoefficient {
    /// The global λ of the potential `k` over the box [lower, upper] (one bound
    /// per variable in `k.variables` order; ±∞ allowed in one variable).
    /// `starts` and `seed` set the multi-start search in several variables.
    public static func potential(_ k: Polynomial, lower: [Double], upper: [Double],
                                 starts: Int = 64, seed: UInt64 = 1) throws -> GlobalLearningCoefficient {
        let d = k.variables.count
        guard d >= 1 else { throw AnalyticError.noTheorem("K is a constant: it has no true parameter") }
        guard lower.count == d, upper.count == d else {
            throw AnalyticError.invalidInput(field: "prior", reason: "expected \(d) bounds (one per variable of K: \(k.variables.joined(separator: ", "))), got \(lower.count) and \(upper.count)")
        }
        for i in 0..<d where !(lower[i] < upper[i]) || lower[i].isNaN || upper[i].isNaN {
            throw AnalyticError.invalidInput(field: "prior", reason: "\(k.variables[i]): expected lower < upper, got [\(lower[i]), \(upper[i])]")
        }
        if d == 1 { return try univariate(k, lower: lower[0], upper: upper[0]) }
        for i in 0..<d where !lower[i].isFinite || !upper[i].isFinite {
            throw AnalyticError.invalidInput(field: "prior", reason: "the search in several variables needs a bounded support; \(k.variables[i]) ranges over [\(lower[i]), \(upper[i])]")
        }
        guard starts >= 1 else { throw AnalyticError.invalidInput(field: "starts", reason: "expected at least 1, got \(starts)") }
        return try multistart(k, lower: lower, upper: upper, starts: starts, seed: seed)
    }

    static let source = "Watanabe 2009, Algebraic Geometry and Statistical Learning Theory (the zeta function over the support is a sum of local ones: λ = min of the local λ, m = the largest order among the points attaining it)"

    /// The global λ from the local results (nil entries skipped): the smallest
    /// λ and the largest m among the points attaining it (nil if one of them has no m).
    static func combine(_ minima: [Minimum]) -> (lambda: Rational, multiplicity: Int?, attaining: [Minimum])? {
        let known = minima.filter { $0.local != nil }
        guard let lambda = known.map({ $0.local!.lambda }).min() else { return nil }
        let attaining = known.filter { $0.local!.lambda == lambda }
        let ms = attaining.map { $0.local!.multiplicity }
        let m: Int? = ms.contains { $0 == nil } ? nil : ms.compactMap { $0 }.max()
        return (lambda, m, attaining)
    }
}
