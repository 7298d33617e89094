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
/// - `tanh`: y = Σ_{h≤H} b_h tanh(a_h x) + ε (one input, one output, no
///   biases), H = 0 … maxHidden; λ from `Analytic.TanhNetwork` where a theorem
///   gives it and an upper bound elsewhere (`SelectionFamily+Tanh.swift`).
/// - `polynomials`: the candidates y = Q_i(w)·x + ε of a list of
///   polynomialRegression specs, a chain in list order (`PolynomialCandidate`).
///
/// The linear families fit, at rank h, the reduced-rank least-squares map
/// (`ReducedRankFit`): the maps the candidate represents are exactly the
/// matrices of rank ≤ h. The tanh family is fitted by multistart
/// Levenberg–Marquardt (`TanhFit`), the polynomial candidates by projecting
/// the least-squares slope on the image of Q_i (`PolynomialCandidate.fit`).
public enum SelectionFamily: Sendable, Hashable {
    case reducedRank(inputs: Int, outputs: Int, maxRank: Int)
    case deepLinear(inputs: Int, outputs: Int, layers: Int, maxRank: Int)
    case tanh(maxHidden: Int)
    case polynomials([PolynomialCandidate])

    /// Checks the sizes; errors name the setting (`inputs`, `outputs`, `layers`, `maxRank`).
    public func validate() throws {
        switch self {
        case let .tanh(h):
            guard (1...TanhFit.maximumHidden).contains(h) else {
                throw SpecError(path: "maxHidden", "expected 1 to \(TanhFit.maximumHidden) hidden units, got \(h)")
            }
            return
        case let .polynomials(list):
            guard !list.isEmpty else { throw SpecError(path: "candidates", "expected at least one candidate spec") }
            return
        case .reducedRank, .deepLinear: break
        }
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

    /// Whether the candidates are linear maps (rrr, dln): fitted by `ReducedRankFit`, sampled as deep linear networks.
    public var isLinear: Bool {
        switch self {
        case .reducedRank, .deepLinear: return true
        case .tanh, .polynomials: return false
        }
    }

    /// M.
    public var inputs: Int {
        switch self {
        case let .reducedRank(m, _, _), let .deepLinear(m, _, _, _): return m
        case .tanh, .polynomials: return 1
        }
    }

    /// N.
    public var outputs: Int {
        switch self {
        case let .reducedRank(_, n, _), let .deepLinear(_, n, _, _): return n
        case .tanh, .polynomials: return 1
        }
    }

    /// The largest candidate rank.
    public var maxRank: Int {
        switch self {
        case let .reducedRank(_, _, h), let .deepLinear(_, _, _, h), let .tanh(h): return h
        case let .polynomials(list): return list.count - 1
        }
    }

    /// `reduced rank regression M = 15, N = 10`.
    public var summary: String {
        switch self {
        case let .reducedRank(m, n, _): return "reduced rank regression, M = \(m) inputs, N = \(n) outputs"
        case let .deepLinear(m, n, l, _): return "deep linear network with \(l) layers, M = \(m) inputs, N = \(n) outputs"
        case .tanh: return "tanh network y = Σ b_h tanh(a_h x), 1 input, 1 output"
        case let .polynomials(list): return "regression y = Q(w)·x over \(list.count) candidate specs"
        }
    }

    /// The widths of the rank-h candidate's parametrisation (empty for h = 0).
    public func widths(rank h: Int) -> [Int] {
        guard h > 0 else { return [] }
        switch self {
        case let .reducedRank(m, n, _): return [m, h, n]
        case let .deepLinear(m, n, l, _): return [m] + Array(repeating: h, count: l - 1) + [n]
        case .tanh: return [1, h, 1]
        case .polynomials: return []
        }
    }

    /// Candidates of rank 0 … maxRank, in that order.
    public var candidates: [SelectionCandidate] {
        switch self {
        case let .tanh(maxHidden):
            return (0...maxHidden).map { h in
                SelectionCandidate(name: "H = \(h)", rank: h, widths: widths(rank: h), parameters: 2 * h, dimension: 2 * h)
            }
        case let .polynomials(list):
            return list.enumerated().map { i, c in
                SelectionCandidate(name: c.name, rank: i, widths: [], parameters: c.variables.count, dimension: c.dimension)
            }
        case .reducedRank, .deepLinear: break
        }
        return (0...maxRank).map { h in
            let w = widths(rank: h)
            let d = zip(w, w.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
            let name: String
            switch self {
            case .reducedRank: name = "rank \(h)"
            case .deepLinear: name = h == 0 ? "rank 0" : "rank \(h) (\(w.map(String.init).joined(separator: "-")))"
            case .tanh, .polynomials: name = ""
            }
            return SelectionCandidate(name: name, rank: h, widths: w, parameters: d, dimension: h * (inputs + outputs - h))
        }
    }

    /// λ and m of candidate `i` (its rank, or its place in the list) when
    /// the truth lies in candidate `j` ⪯ i; `upperBound` where no theorem gives the value.
    public func pairCoefficient(candidate i: Int, truth j: Int) throws -> PairCoefficient {
        switch self {
        case .tanh: return try Self.tanhCoefficient(hidden: i, trueUnits: j)
        case let .polynomials(list):
            guard list.indices.contains(i), (0...i).contains(j) else {
                throw SpecError(path: "candidates", "candidate \(j) is not below candidate \(i) in the list")
            }
            return list[i].coefficients[j]
        case .reducedRank, .deepLinear:
            let c = try coefficient(candidate: i, truth: j)
            return PairCoefficient(lambda: c.lambda, multiplicity: c.multiplicity ?? 1, upperBound: false, method: c.method, source: c.source)
        }
    }

    /// λ and m of candidate `i` (rank) when the truth has rank `j` ≤ i (the linear families).
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
        case .tanh, .polynomials:
            let c = try pairCoefficient(candidate: i, truth: j)
            return LearningCoefficient(lambda: c.lambda, multiplicity: c.upperBound ? nil : c.multiplicity, method: c.method, source: c.source)
        }
    }

    /// Candidate k's strict submodels: the candidates of smaller rank (earlier in the list).
    public var submodels: [[Int]] { (0...maxRank).map { Array(0..<$0) } }

    /// The table of (λ_ij, m_ij) for j ≤ i (nil above the diagonal), as sBIC uses it.
    public func coefficientTable() throws -> [[SingularBIC.Coefficient?]] {
        try pairTable().map { row in row.map { $0.map { SingularBIC.Coefficient(lambda: $0.lambda.doubleValue, multiplicity: $0.multiplicity) } } }
    }

    /// Every pair's coefficient with its provenance, j ≤ i (nil above the diagonal).
    public func pairTable() throws -> [[PairCoefficient?]] {
        try (0...maxRank).map { i in
            try (0...maxRank).map { j -> PairCoefficient? in
                j <= i ? try pairCoefficient(candidate: i, truth: j) : nil
            }
        }
    }
}
