/// A sparse multivariate polynomial with exact non-negative integer exponents
/// and Double coefficients over named variables, kept in canonical form:
/// variables in natural order (w2 < w10), terms in graded reverse
/// lexicographic order (highest degree first), no zero coefficients.
public struct Polynomial: Sendable, Hashable, CustomStringConvertible {
    /// One term c·∏ v_j^{e_j}.
    public struct Term: Sendable, Hashable {
        /// Exponents, one per entry of `Polynomial.variables`.
        public var exponents: [Int]
        public var coefficient: Double
        public var degree: Int { exponents.reduce(0, +) }
    }

    /// Variable names in natural order.
    public internal(set) var variables: [String]
    /// Terms in canonical order.
    public internal(set) var terms: [Term]

    /// The zero polynomial.
    public init() {
        variables = []
        terms = []
    }

    /// A constant.
    public init(constant c: Double) {
        variables = []
        terms = c == 0 ? [] : [Term(exponents: [], coefficient: c)]
    }

    /// The variable `name`.
    public init(variable name: String) {
        variables = [name]
        terms = [Term(exponents: [1], coefficient: 1)]
    }

    /// Terms given as (exponents over `variables`, coefficient); like terms are combined.
    public init(variables: [String], terms: [(exponents: [Int], coefficient: Double)]) {
        var table: [[Int]: Double] = [:]
        for t in terms { table[t.exponents, default: 0] += t.coefficient }
        self.init(variables: variables, table: table)
    }

    init(variables vars: [String], table: [[Int]: Double]) {
        // Drop variables that do not occur, order the rest naturally.
        let used = vars.indices.filter { j in table.contains { $0.value != 0 && $0.key[j] != 0 } }
        let order = used.sorted { Polynomial.naturalLess(vars[$0], vars[$1]) }
        variables = order.map { vars[$0] }
        var merged: [[Int]: Double] = [:]
        for (e, c) in table where c != 0 {
            merged[order.map { e[$0] }, default: 0] += c
        }
        terms = merged.filter { $0.value != 0 }.map { Term(exponents: $0.key, coefficient: $0.value) }
            .sorted(by: Polynomial.termOrder)
    }

    public var isZero: Bool { terms.isEmpty }
    /// Total degree (0 for constants and for zero).
    public var degree: Int { terms.map(\.degree).max() ?? 0 }

    /// The constant term.
    public var constantTerm: Double { terms.first { $0.degree == 0 }?.coefficient ?? 0 }

    /// Graded reverse lexicographic order, highest degree first.
    static func termOrder(_ a: Term, _ b: Term) -> Bool {
        if a.degree != b.degree { return a.degree > b.degree }
        for (x, y) in zip(a.exponents, b.exponents) where x != y { return x > y }
        return false
    }

    /// w2 < w10: compares digit runs numerically.
    public static func naturalLess(_ a: String, _ b: String) -> Bool {
        func split(_ s: String) -> (String, Int?) {
            let prefix = s.prefix { !$0.isNumber }
            let digits = s.dropFirst(prefix.count)
            return (String(prefix), digits.allSatisfy(\.isNumber) && !digits.isEmpty ? Int(digits) : nil)
        }
        let (pa, na) = split(a), (pb, nb) = split(b)
        if pa != pb || na == nil || nb == nil { return a < b }
        return na! < nb!
    }
}
