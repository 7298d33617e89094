import Analytic
import Estimators
import Polynomials

/// One candidate of a model-selection family.
public struct SelectionCandidate: Sendable, Hashable, Codable {
    /// `rank 3`, or the widths of a deep linear network.
    public var name: String
    /// The rank of the maps the candidate can represent (its place in the poset).
    public var rank: Int
    /// The widths of its parametrisation, input first ([M, h, N] for reduced
    /// rank regression); empty for the rank-0 candidate (no parameters).
    public var widths: [Int]
    /// d, the number of parameters of the parametrisation.
    public var parameters: Int
    /// The dimension of the model (matrices of rank ≤ h): h(M + N − h) = 2λ_ii.
    public var dimension: Int
}

/// A family of nested candidates with known learning coefficients for every
/// pair (truth in candidate j, fitted with candidate i ⪰ j), as Drton &
/// Plummer's sBIC needs them.
///
/// - `reducedRank`: y = B A x + ε with A: h×M, B: N×h, h = 0 … maxRank; λ from
///   Aoyagi & Watanabe (2005) through `Analytic.ReducedRankRegression`
///   (hidden = h, true rank = the submodel's h). Rank 0 is the zero map (d = 0, λ = 0).
/// - `deepLinear`: y = W_L ⋯ W_1 x + ε with widths [M, h, …, h, N] (L − 1 hidden
///   layers of width h), h = 0 … maxRank; λ from Aoyagi (2024) through
///   `Analytic.DeepLinearNetwork`.
///
/// Both fit, at rank h, the reduced-rank least-squares map (`ReducedRankFit`):
/// the maps the candidate represents are exactly the matrices of rank ≤ h.
public enum SelectionFamily: Sendable, Hashable {
    case reducedRank(inputs: Int, outputs: Int, maxRank: Int)
    case deepLinear(inputs: Int, outputs: Int, layers: Int, maxRank: Int)

    /// Checks the sizes; errors name the setting (`inputs`, `outputs`, `layers`, `maxRank`).
    public func validate() throws {
        let (m, n, h) = (inputs, outputs, maxRank)
        guard m >= 1 else { throw SpecError(path: "inputs", "expected a size ≥ 1, got \(m)") }
        guard n >= 1 else { throw SpecError(path: "outputs", "expected a size ≥ 1, got \(n)") }
        guard (0...min(m, n)).contains(h) else {
            throw SpecError(path: "maxRank", "expected a rank between 0 and min(inputs, outputs) = \(min(m, n)), got \(h)")
        }
        if case let .deepLinear(_, _, layers, _) = self, !(2...16).contains(layers) {
            throw SpecError(path: "layers", "expected 2 to 16 weight matrices, got \(layers)")
        }
    }

    /// M.
    public var inputs: Int {
        switch self {
        case let .reducedRank(m, _, _), let .deepLinear(m, _, _, _): return m
        }
    }

    /// N.
    public var outputs: Int {
        switch self {
        case let .reducedRank(_, n, _), let .deepLinear(_, n, _, _): return n
        }
    }

    /// The largest candidate rank.
    public var maxRank: Int {
        switch self {
        case let .reducedRank(_, _, h), let .deepLinear(_, _, _, h): return h
        }
    }

    /// `reduced rank regression M = 15, N = 10`.
    public var summary: String {
        switch self {
        case let .reducedRank(m, n, _): return "reduced rank regression, M = \(m) inputs, N = \(n) outputs"
        case let .deepLinear(m, n, l, _): return "deep linear network with \(l) layers, M = \(m) inputs, N = \(n) outputs"
        }
    }

    /// The widths of the rank-h candidate's parametrisation (empty for h = 0).
    public func widths(rank h: Int) -> [Int] {
        guard h > 0 else { return [] }
        switch self {
        case let .reducedRank(m, n, _): return [m, h, n]
        case let .deepLinear(m, n, l, _): return [m] + Array(repeating: h, count: l - 1) + [n]
        }
    }

    /// Candidates of rank 0 … maxRank, in that order.
    public var candidates: [SelectionCandidate] {
        (0...maxRank).map { h in
            let w = widths(rank: h)
            let d = zip(w, w.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
            let name: String
            switch self {
            case .reducedRank: name = "rank \(h)"
            case .deepLinear: name = h == 0 ? "rank 0" : "rank \(h) (\(w.map(String.init).joined(separator: "-")))"
            }
            return SelectionCandidate(name: name, rank: h, widths: w, parameters: d, dimension: h * (inputs + outputs - h))
        }
    }

    /// λ and m of candidate `i` (rank) when the truth has rank `j` ≤ i.
    public func coefficient(candidate i: Int, truth j: Int) throws -> LearningCoefficient {
        guard (0...i).contains(j) else { throw SpecError(path: "maxRank", "a truth of rank \(j) is not inside the rank-\(i) candidate") }
        guard i > 0 else {
            return LearningCoefficient(lambda: Rational(0), multiplicity: 1, method: "the zero map (no parameters)",
                                       source: "—")
        }
        switch self {
        case let .reducedRank(m, n, _):
            return try Analytic.ReducedRankRegression(inputs: m, outputs: n, hidden: i, trueRank: j).coefficient()
        case .deepLinear:
            return try Analytic.DeepLinearNetwork(widths: widths(rank: i), trueRank: j).coefficient()
        }
    }

    /// Candidate k's strict submodels: the candidates of smaller rank.
    public var submodels: [[Int]] { (0...maxRank).map { Array(0..<$0) } }

    /// The table of (λ_ij, m_ij) for j ≤ i (nil above the diagonal).
    public func coefficientTable() throws -> [[SingularBIC.Coefficient?]] {
        try (0...maxRank).map { i in
            try (0...maxRank).map { j -> SingularBIC.Coefficient? in
                guard j <= i else { return nil }
                let c = try coefficient(candidate: i, truth: j)
                return SingularBIC.Coefficient(lambda: c.lambdaValue, multiplicity: c.multiplicity ?? 1)
            }
        }
    }
}
