// Sparse multivariate polynomials with exact exponents: parser, expansion,
// compiled evaluation, gradients and Newton polyhedra.

/// A sparse multivariate polynomial with exact non-negative integer exponents
/// and `Double` coefficients over named variables (`w`, `w1`, `a`, `b3`, …).
///
/// The value is always in canonical form, so `==` and hashing compare
/// polynomials as mathematical objects (up to exact floating-point equality of
/// the coefficients):
/// - `variables` are the variables that actually occur, in natural order
///   (`a < b`, `w2 < w10`, see ``Polynomial/naturalOrder(_:_:)``);
/// - `terms` have distinct exponent vectors and non-zero coefficients, sorted in
///   **graded lexicographic** order: higher total degree first, then by the
///   exponent vectors compared lexicographically, larger first (so
///   `w1^2*w2^4 - 3.5*w1 + 1`, and `w1^2 + w1*w2 + w2^2` among equal degrees).
public struct Polynomial: Sendable, Hashable {
    /// One monomial `coefficient · Π_j variables[j]^exponents[j]`.
    public struct Term: Sendable, Hashable {
        /// Exponents, one per entry of the polynomial's `variables`.
        public var exponents: [Int]
        public var coefficient: Double

        public init(exponents: [Int], coefficient: Double) {
            self.exponents = exponents
            self.coefficient = coefficient
        }

        /// Total degree Σ_j exponents[j].
        public var degree: Int { exponents.reduce(0, +) }
    }

    /// The variables that occur, in natural order.
    public let variables: [String]
    /// The non-zero terms, in graded lexicographic order.
    public let terms: [Term]

    /// The polynomial Σ terms over `variables`, brought to canonical form:
    /// equal exponent vectors are merged, zero coefficients dropped, unused
    /// variables removed, variables and terms sorted.
    /// Every term must have `variables.count` non-negative exponents and the
    /// variable names must be distinct.
    public init(variables: [String], terms: [Term]) {
        precondition(Set(variables).count == variables.count, "Polynomial: duplicate variable names")
        var sums: [[Int]: Double] = [:]
        for term in terms {
            precondition(term.exponents.count == variables.count, "Polynomial: exponent vector of the wrong length")
            precondition(term.exponents.allSatisfy { $0 >= 0 }, "Polynomial: negative exponent")
            sums[term.exponents, default: 0] += term.coefficient
        }
        self.init(variables: variables, sums: sums)
    }

    /// Canonical form from accumulated sums (internal fast path).
    init(variables: [String], sums: [[Int]: Double]) {
        let nonzero = sums.filter { $0.value != 0 }
        // Keep the variables that occur with a positive exponent, in natural order.
        var used = [Bool](repeating: false, count: variables.count)
        for exps in nonzero.keys {
            for (j, e) in exps.enumerated() where e > 0 { used[j] = true }
        }
        let kept = variables.indices.filter { used[$0] }
            .sorted { Polynomial.naturalOrder(variables[$0], variables[$1]) }
        self.variables = kept.map { variables[$0] }
        var terms = nonzero.map { exps, c in Term(exponents: kept.map { exps[$0] }, coefficient: c) }
        terms.sort(by: Polynomial.gradedLexOrder)
        self.terms = terms
    }

    /// The constant polynomial `value`.
    public init(_ value: Double) {
        self.init(variables: [], terms: [Term(exponents: [], coefficient: value)])
    }

    /// The polynomial consisting of the single variable `name`.
    public init(variable name: String) {
        self.init(variables: [name], terms: [Term(exponents: [1], coefficient: 1)])
    }

    public static let zero = Polynomial(0)
    public static let one = Polynomial(1)

    /// True for the zero polynomial (no terms).
    public var isZero: Bool { terms.isEmpty }

    /// Total degree: the largest Σ_j α_j over the terms; 0 for constants and for zero.
    public var degree: Int { terms.map(\.degree).max() ?? 0 }

    /// The largest exponent of `variable` (0 if it does not occur).
    public func degree(in variable: String) -> Int {
        guard let j = variables.firstIndex(of: variable) else { return 0 }
        return terms.map { $0.exponents[j] }.max() ?? 0
    }

    /// The constant term (coefficient of the zero exponent vector).
    public var constantTerm: Double {
        terms.last.flatMap { $0.degree == 0 ? $0.coefficient : nil } ?? 0
    }

    /// The exponent vectors of the terms over `order`, which must contain every
    /// variable of the polynomial (extra variables get exponent 0).
    /// Returns nil if a variable of the polynomial is missing from `order`.
    public func exponents(over order: [String]) -> [[Int]]? {
        var map = [Int](repeating: 0, count: variables.count)
        for (j, v) in variables.enumerated() {
            guard let k = order.firstIndex(of: v) else { return nil }
            map[j] = k
        }
        return terms.map { term in
            var e = [Int](repeating: 0, count: order.count)
            for (j, k) in map.enumerated() { e[k] = term.exponents[j] }
            return e
        }
    }

    /// Graded lexicographic order of terms: higher total degree first, then
    /// lexicographically larger exponent vectors first.
    static func gradedLexOrder(_ a: Term, _ b: Term) -> Bool {
        let da = a.degree, db = b.degree
        if da != db { return da > db }
        for (x, y) in zip(a.exponents, b.exponents) where x != y { return x > y }
        return false
    }

    /// Natural order of variable names: runs of digits compare as numbers, so
    /// `w2 < w10`, `a < b`, `w < w1`; ties fall back to plain string order.
    public static func naturalOrder(_ a: String, _ b: String) -> Bool {
        var i = a.unicodeScalars.makeIterator(), j = b.unicodeScalars.makeIterator()
        var x = i.next(), y = j.next()
        func isDigit(_ s: Unicode.Scalar?) -> Bool { s.map { $0.properties.numericType == .decimal && $0.isASCII } ?? false }
        while let cx = x, let cy = y {
            if isDigit(cx) && isDigit(cy) {
                var dx = "", dy = ""
                while isDigit(x) { dx.unicodeScalars.append(x!); x = i.next() }
                while isDigit(y) { dy.unicodeScalars.append(y!); y = j.next() }
                let tx = dx.drop { $0 == "0" }, ty = dy.drop { $0 == "0" }
                if tx.count != ty.count { return tx.count < ty.count }
                if tx != ty { return tx < ty }
                if dx.count != dy.count { return dx.count < dy.count }
            } else {
                if cx != cy { return cx.value < cy.value }
                x = i.next(); y = j.next()
            }
        }
        if x == nil && y != nil { return true }
        if x != nil && y == nil { return false }
        return a < b
    }
}
