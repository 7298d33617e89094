import Polynomials

/// One term c·w^α of a face polynomial, with its exact coefficient.
struct FaceTerm: Sendable, Hashable {
    var exponents: [Int]
    var exact: ExactDecimal
    /// The coefficient rounded to a Double.
    var coefficient: Double { exact.doubleValue }

    init(exponents: [Int], exact: ExactDecimal) {
        self.exponents = exponents
        self.exact = exact
    }

    /// A Double coefficient, read as its shortest decimal text (must be finite).
    init(exponents: [Int], coefficient: Double) {
        self.init(exponents: exponents, exact: ExactDecimal(coefficient) ?? .zero)
    }
}

/// What a face polynomial f_γ does on the real torus (R∖{0})^d.
///
/// f_γ is quasi-homogeneous, so by Euler's relation a common zero of its
/// partial derivatives on the torus is a zero of f_γ: f is non-degenerate on γ
/// (Varchenko; Watanabe 2009 Def. of non-degeneracy) iff f_γ has no *singular*
/// zero on the torus. For K ≥ 0 every zero of K_γ is singular, so there
/// non-degeneracy means no torus zero at all.
enum TorusZeroStatus: Sendable, Equatable {
    /// f_γ has no zero on the torus.
    case noZero
    /// f_γ has zeros on the torus, all non-singular (f_γ changes sign there).
    case nonSingularZeros
    /// f_γ has a singular zero on the torus; `factor` is the repeated factor.
    case singularZero(factor: String)
    /// Not decided exactly; `negativeValue` says whether f_γ was seen < 0.
    case undecided(reason: String, negativeValue: Bool)
}

enum TorusZeros {
    /// Classifies f_γ = Σ terms exactly when the face is a vertex (monomial:
    /// no zero), an edge (any number of terms on a segment: a polynomial g(u)
    /// in u = w^v with v primitive, which takes every nonzero real value on the
    /// torus; real roots of g by Sturm sequences, repeated ones by gcd(g, g′)),
    /// or a higher face whose terms all have even exponents and coefficients of
    /// one sign (definite). Otherwise undecided.
    static func classify(_ terms: [FaceTerm], names: [String]) -> TorusZeroStatus {
        let terms = terms.filter { !$0.exact.isZero }
        guard terms.count >= 2 else { return .noZero }
        let base = terms[0].exponents
        let diffs = terms.map { zip($0.exponents, base).map { $0 - $1 } }
        let direction = diffs.first { $0.contains { $0 != 0 } }!
        let parallel = diffs.allSatisfy { d in
            for i in d.indices { for j in d.indices where d[i] * direction[j] != d[j] * direction[i] { return false } }
            return true
        }
        if parallel {
            return classifyEdge(terms, base: base, diffs: diffs, direction: direction, names: names)
        }
        let allEven = terms.allSatisfy { $0.exponents.allSatisfy { $0 % 2 == 0 } }
        let oneSign = terms.allSatisfy { $0.exact.signum > 0 } || terms.allSatisfy { $0.exact.signum < 0 }
        if allEven && oneSign { return .noZero }
        return .undecided(reason: "a face of dimension ≥ 2 whose polynomial is not a definite sum of even monomials",
                          negativeValue: seesNegativeValue(terms))
    }

    /// An edge: terms c_j w^(α0 + k_j v), so f_γ = w^(α0 + kmin·v) · g(w^v).
    private static func classifyEdge(_ terms: [FaceTerm], base: [Int], diffs: [[Int]], direction: [Int], names: [String]) -> TorusZeroStatus {
        var g0 = 0
        for x in direction { g0 = IntegerPolynomial.gcd(g0, x) }
        let v = direction.map { $0 / g0 }
        let pivot = v.firstIndex { $0 != 0 }!
        let k = diffs.map { $0[pivot] / v[pivot] }
        let kmin = k.min()!
        let degree = k.max()! - kmin
        if terms.count == 2 {
            // c0 + c1 u^n: a real root iff n is odd or the signs differ; never repeated.
            let opposite = (terms[0].exact.signum > 0) != (terms[1].exact.signum > 0)
            return degree % 2 == 1 || opposite ? .nonSingularZeros : .noZero
        }
        var rationals = [Rational](repeating: .zero, count: degree + 1)
        for (j, term) in terms.enumerated() {
            guard let c = term.exact.rational else {
                return .undecided(reason: "the coefficient \(term.exact) does not fit 64-bit exact arithmetic", negativeValue: seesNegativeValue(terms))
            }
            rationals[k[j] - kmin] = c
        }
        do {
            var lcm = 1
            for c in rationals { lcm = try IntegerPolynomial.mul(lcm / IntegerPolynomial.gcd(lcm, c.denominator), c.denominator) }
            let g = IntegerPolynomial(try rationals.map { try IntegerPolynomial.mul($0.numerator, lcm / $0.denominator) })
            guard try g.distinctRealRootCount() > 0 else { return .noZero }
            let repeated = try g.repeatedPart()
            guard repeated.degree >= 1, try repeated.distinctRealRootCount() > 0 else { return .nonSingularZeros }
            return .singularZero(factor: homogenized(repeated, v: v, names: names))
        } catch {
            return .undecided(reason: "integer overflow while counting real roots", negativeValue: seesNegativeValue(terms))
        }
    }

    /// G(w^v) with the negative part of v cleared: Σ e_j w^(j v + deg·v⁻).
    static func homogenized(_ p: IntegerPolynomial, v: [Int], names: [String]) -> String {
        let negative = v.map { max(-$0, 0) }
        var terms = p.coefficients.enumerated().filter { $0.element != 0 }.map { j, e in
            FaceTerm(exponents: v.indices.map { j * v[$0] + p.degree * negative[$0] }, exact: ExactDecimal(e))
        }
        terms.sort { $0.exponents.lexicographicallyPrecedes($1.exponents) == false }
        if let first = terms.first, first.exact.isNegative {
            terms = terms.map { FaceTerm(exponents: $0.exponents, exact: -$0.exact) }
        }
        return format(terms, names: names)
    }

    /// `w1^2 + 2*w1*w2 - w2^2`.
    static func format(_ terms: [FaceTerm], names: [String]) -> String {
        var s = ""
        for (n, t) in terms.enumerated() {
            let negative = t.exact.isNegative
            let monomial = t.exponents.enumerated().filter { $0.element != 0 }.map { i, e in
                e == 1 ? names[i] : "\(names[i])^\(e)"
            }.joined(separator: "*")
            let magnitude = negative ? -t.exact : t.exact
            let cText = magnitude.description
            if n == 0 { s += negative ? "-" : "" } else { s += negative ? " - " : " + " }
            if monomial.isEmpty { s += cText } else if magnitude == .one { s += monomial } else { s += cText + "*" + monomial }
        }
        return s.isEmpty ? "0" : s
    }

    /// The rational a Double coefficient was written as: exact for integers,
    /// else the continued-fraction convergent with denominator ≤ 10^6 within
    /// 4 ulp (0.1 → 1/10); nil if there is none.
    static func exactRational(_ x: Double) -> Rational? {
        guard x.isFinite else { return nil }
        if x == x.rounded() { return abs(x) < 9.0e15 ? Rational(Int(x)) : nil }
        let tolerance = 4 * x.ulp
        var (h0, h1, k0, k1) = (0, 1, 1, 0)   // convergents h/k
        var y = abs(x)
        for _ in 0..<40 {
            let a = y.rounded(.down)
            guard a < 1e12 else { break }
            let ai = Int(a)
            let (h2, k2) = (ai * h1 + h0, ai * k1 + k0)
            guard k2 <= 1_000_000 else { break }
            (h0, h1, k0, k1) = (h1, h2, k1, k2)
            if abs(Double(h1) / Double(k1) - abs(x)) <= tolerance {
                return Rational(x < 0 ? -h1 : h1, k1)
            }
            let frac = y - a
            guard frac > 0 else { break }
            y = 1 / frac
        }
        return nil
    }

    /// Whether f_γ is certainly negative at one of a fixed set of torus points
    /// (coordinates ±1/2, ±1, ±2, ±3; the value must beat the rounding bound).
    static func seesNegativeValue(_ terms: [FaceTerm]) -> Bool {
        let d = terms[0].exponents.count
        let values: [Double] = [1, -1, 0.5, -0.5, 2, -2, 3, -3]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var point = [Double](repeating: 1, count: d)
        let exhaustive = d <= 4
        let count = exhaustive ? Int(pow8(d)) : 4096
        for n in 0..<count {
            var index = n
            for i in 0..<d {
                if exhaustive {
                    point[i] = values[index % 8]; index /= 8
                } else {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    point[i] = values[Int(state >> 61)]
                }
            }
            var sum = 0.0, scale = 0.0
            for t in terms {
                var m = t.coefficient
                for i in 0..<d where t.exponents[i] != 0 { m *= power(point[i], t.exponents[i]) }
                sum += m; scale += abs(m)
            }
            if sum < -1e-12 * scale { return true }
        }
        return false
    }

    private static func pow8(_ d: Int) -> Int { (0..<d).reduce(1) { r, _ in r * 8 } }
    private static func power(_ x: Double, _ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<e { r *= x }
        return r
    }
}
