/// A sparse multivariate polynomial with exact non-negative integer exponents
/// and exact decimal coefficients over named variables, kept in canonical
/// form: variables in natural order (w2 < w10), terms in graded reverse
/// lexicographic order (highest degree first), no zero coefficients.
///
/// Every operation combines like terms by sorting and merging, never in hash
/// order, and coefficient arithmetic is exact (`ExactDecimal`), so results do
/// not depend on the order of operations. Doubles appear only in `coefficient`
/// (correctly rounded) and in `CompiledPolynomial`.
public struct Polynomial: Sendable, Hashable, CustomStringConvertible {
    /// One term c·∏ v_j^{e_j}.
    public struct Term: Sendable, Hashable {
        /// Exponents, one per entry of `Polynomial.variables`.
        public var exponents: [Int]
        /// The exact coefficient.
        public var exact: ExactDecimal
        /// The coefficient rounded to the nearest Double.
        public var coefficient: Double { exact.doubleValue }
        public var degree: Int { exponents.reduce(0, +) }

        public init(exponents: [Int], exact: ExactDecimal) {
            self.exponents = exponents
            self.exact = exact
        }
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

    /// A constant, exact.
    public init(constant c: ExactDecimal) {
        variables = []
        terms = c.isZero ? [] : [Term(exponents: [], exact: c)]
    }

    /// A constant, read as the decimal it was written as (its shortest
    /// round-tripping text: 1.6 is 16/10). `c` must be finite.
    public init(constant c: Double) {
        guard let exact = ExactDecimal(c) else { preconditionFailure("Polynomial(constant:) needs a finite number, got \(c)") }
        self.init(constant: exact)
    }

    /// The variable `name`.
    public init(variable name: String) {
        variables = [name]
        terms = [Term(exponents: [1], exact: .one)]
    }

    /// Terms given as (exponents over `variables`, coefficient); like terms are
    /// combined. Each Double is read as its shortest decimal text.
    public init(variables: [String], terms: [(exponents: [Int], coefficient: Double)]) {
        let exact = terms.map { t in (t.exponents, ExactDecimal(t.coefficient) ?? .zero) }
        // Shortest-text decimals of Doubles have at most 17 digits, so combining cannot exceed the limit.
        self = (try? Polynomial(variables: variables, exactTerms: exact)) ?? Polynomial()
    }

    /// Terms given as (exponents over `variables`, exact coefficient); like terms are combined.
    public init(variables: [String], exactTerms: [([Int], ExactDecimal)]) throws(PolynomialLimitError) {
        self = try Polynomial.canonical(variables: variables, raw: exactTerms.map { Term(exponents: $0.0, exact: $0.1) })
    }

    /// Canonical form of raw terms over `vars` (any order, repeats allowed):
    /// unused variables dropped, the rest in natural order, terms sorted and
    /// like terms merged (O(n log n)).
    static func canonical(variables vars: [String], raw: [Term], naturallyOrdered: Bool = false) throws(PolynomialLimitError) -> Polynomial {
        var used = [Bool](repeating: false, count: vars.count)
        for t in raw where !t.exact.isZero {
            for (j, e) in t.exponents.enumerated() where e != 0 { used[j] = true }
        }
        let kept = vars.indices.filter { used[$0] }
        let order = naturallyOrdered ? kept : kept.sorted { Polynomial.naturalLess(vars[$0], vars[$1]) }
        let identity = order == Array(vars.indices)
        var items: [(key: [Int], degree: Int, exact: ExactDecimal)] = []
        items.reserveCapacity(raw.count)
        for t in raw where !t.exact.isZero {
            let e = identity ? t.exponents : order.map { t.exponents[$0] }
            items.append((e, e.reduce(0, +), t.exact))
        }
        items.sort { a, b in
            if a.degree != b.degree { return a.degree > b.degree }
            return Polynomial.exponentsPrecede(a.key, b.key)
        }
        var merged: [Term] = []
        merged.reserveCapacity(items.count)
        var i = 0
        while i < items.count {
            var c = items[i].exact
            var j = i + 1
            while j < items.count, items[j].key == items[i].key {
                c = try c.adding(items[j].exact)
                j += 1
            }
            if !c.isZero { merged.append(Term(exponents: items[i].key, exact: c)) }
            i = j
        }
        var p = Polynomial()
        p.variables = order.map { vars[$0] }
        p.terms = merged
        return p
    }

    public var isZero: Bool { terms.isEmpty }
    /// Total degree (0 for constants and for zero).
    public var degree: Int { terms.first?.degree ?? 0 }

    /// The constant term, exact.
    public var exactConstantTerm: ExactDecimal { terms.last.flatMap { $0.degree == 0 ? $0.exact : nil } ?? .zero }
    /// The constant term.
    public var constantTerm: Double { exactConstantTerm.doubleValue }

    /// Graded reverse lexicographic order, highest degree first.
    static func termOrder(_ a: Term, _ b: Term) -> Bool {
        let da = a.degree, db = b.degree
        if da != db { return da > db }
        return exponentsPrecede(a.exponents, b.exponents)
    }

    /// Within one degree: the first differing exponent larger first.
    static func exponentsPrecede(_ a: [Int], _ b: [Int]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return x > y }
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
        if na! != nb! { return na! < nb! }
        return a < b
    }
}
