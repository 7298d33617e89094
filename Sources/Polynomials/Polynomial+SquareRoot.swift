/// Why an exact computation (`Polynomial.squareRoot()`,
/// `Polynomial.quadraticSignature()`) could not decide: a coefficient or an
/// intermediate value left 64-bit exact rational arithmetic.
public struct ExactOverflow: Error, Sendable, Hashable, CustomStringConvertible {
    public init() {}
    public var description: String { "a coefficient does not fit 64-bit exact rational arithmetic" }
}

extension Polynomial {
    /// K = c·Q²: a constant c > 0 and a primitive integer polynomial Q.
    public struct Square: Sendable, Hashable {
        /// Q, with integer coefficients whose gcd is 1 and a positive leading term.
        public var root: Polynomial
        /// c > 0 with K = c·Q², exact.
        public var factor: Rational
    }

    /// K = c·Q² for a polynomial Q with rational coefficients and c > 0, or
    /// nil when K is no such square (exactly decided).
    ///
    /// The square root by leading terms in the canonical (graded
    /// lexicographic) monomial order, which is multiplicative, so
    /// lead(Q²) = lead(Q)²: Q's leading term is √(lead K / c) with c the
    /// leading coefficient of K, and each next term of Q is
    /// lead(K/c − Q_partial²) / (2·lead Q). Every term of Q has a degree
    /// between half the lowest and half the highest degree of K, which
    /// bounds the steps; at most `maximumTerms` terms are built.
    /// Arithmetic is exact rational (64-bit, overflow-checked): a value
    /// beyond it throws `ExactOverflow` rather than guess.
    public func squareRoot() throws(ExactOverflow) -> Square? {
        guard let lead = terms.first, !lead.exact.isNegative, !lead.exact.isZero else { return nil }
        guard lead.exponents.allSatisfy({ $0 % 2 == 0 }) else { return nil }
        guard let c0 = lead.exact.rational else { throw ExactOverflow() }
        // R = K/c0 as a map from exponents to coefficients; order never read from it.
        var remainder: [[Int]: Rational] = [:]
        for t in terms {
            guard let c = t.exact.rational else { throw ExactOverflow() }
            remainder[t.exponents] = try Self.checked { () throws(RationalSimplex.Overflow) in try c.dividedBy(c0) }
        }
        let lowestHalf = (terms.last!.degree + 1) / 2
        let leadRoot = lead.exponents.map { $0 / 2 }
        var root: [(exponents: [Int], c: Rational)] = []

        func subtract(_ e: [Int], _ v: Rational) throws(ExactOverflow) {
            let old = remainder[e] ?? .zero
            let new = try Self.checked { () throws(RationalSimplex.Overflow) in try old.minus(v) }
            if new == .zero { remainder[e] = nil } else { remainder[e] = new }
        }
        func add(_ s: (exponents: [Int], c: Rational)) throws(ExactOverflow) {
            // R ← R − 2·Q·s − s².
            for q in root {
                let e = zip(q.exponents, s.exponents).map { $0 + $1 }
                let v = try Self.checked { () throws(RationalSimplex.Overflow) in try Rational(2).times(q.c).times(s.c) }
                try subtract(e, v)
            }
            let v = try Self.checked { () throws(RationalSimplex.Overflow) in try s.c.times(s.c) }
            try subtract(s.exponents.map { 2 * $0 }, v)
            root.append(s)
        }

        try add((leadRoot, .one))
        while !remainder.isEmpty {
            guard root.count < Polynomial.maximumTerms else { return nil }
            // The leading term of R in the canonical order.
            var best: (exponents: [Int], c: Rational)?
            for (e, c) in remainder {
                if let b = best {
                    let t = Term(exponents: e, exact: .one), u = Term(exponents: b.exponents, exact: .one)
                    if Polynomial.termOrder(t, u) { best = (e, c) }
                } else {
                    best = (e, c)
                }
            }
            let (e, c) = best!
            let next = zip(e, leadRoot).map { $0 - $1 }
            guard next.allSatisfy({ $0 >= 0 }), next.reduce(0, +) >= lowestHalf else { return nil }
            // next must come after every term of Q so far (it does when K is a square).
            let nextTerm = Term(exponents: next, exact: .one), last = Term(exponents: root.last!.exponents, exact: .one)
            guard Polynomial.termOrder(last, nextTerm) else { return nil }
            let coefficient = try Self.checked { () throws(RationalSimplex.Overflow) in try c.dividedBy(Rational(2)) }
            try add((next, coefficient))
        }

        // Clear denominators: Q' = (L/g)·Q with integer coprime coefficients, K = c0·(g/L)²·Q'².
        var lcm = 1, gcd = 0
        for t in root {
            let d = t.c.denominator
            let (l, o) = (lcm / Rational.gcd(lcm, d)).multipliedReportingOverflow(by: d)
            if o { throw ExactOverflow() }
            lcm = l
        }
        var integers: [Int] = []
        for t in root {
            let (v, o) = t.c.numerator.multipliedReportingOverflow(by: lcm / t.c.denominator)
            if o { throw ExactOverflow() }
            integers.append(v)
            gcd = Int(Rational.gcd(gcd, v).magnitude)
        }
        let exact = zip(root, integers).map { ($0.exponents, ExactDecimal($1 / gcd)) }
        let q: Polynomial
        do { q = try Polynomial(variables: variables, exactTerms: exact) } catch { throw ExactOverflow() }
        let scale = Rational(gcd, lcm)
        let factor = try Self.checked { () throws(RationalSimplex.Overflow) in try c0.times(scale).times(scale) }
        return Square(root: q, factor: factor)
    }

    static func checked<T>(_ body: () throws(RationalSimplex.Overflow) -> T) throws(ExactOverflow) -> T {
        do { return try body() } catch { throw ExactOverflow() }
    }
}
