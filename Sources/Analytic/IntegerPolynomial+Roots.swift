/// Exact root counting on an interval, for the global λ in one variable.
extension IntegerPolynomial {
    /// The sign of p(num/den) (den > 0), exact: Σ c_j num^j den^(n−j).
    func sign(numerator: Int, denominator: Int) throws -> Int {
        guard !isZero else { return 0 }
        let n = degree
        var sum = 0
        var numPower = 1
        var denPowers = [Int](repeating: 1, count: n + 1)
        for j in stride(from: n - 1, through: 0, by: -1) { denPowers[j] = try Self.mul(denPowers[j + 1], denominator) }
        for j in 0...n {
            let term = try Self.mul(try Self.mul(coefficients[j], numPower), denPowers[j])
            let (s, o) = sum.addingReportingOverflow(term)
            if o { throw Overflow() }
            sum = s
            if j < n { numPower = try Self.mul(numPower, numerator) }
        }
        return sum.signum()
    }

    /// The sign at a bound: −∞ and +∞ by the leading term, else exact.
    func sign(at bound: RationalBound) throws -> Int {
        switch bound {
        case .minusInfinity: return leading.signum() * (degree % 2 == 0 ? 1 : -1)
        case .plusInfinity: return leading.signum()
        case let .value(p, q): return try sign(numerator: p, denominator: q)
        }
    }

    /// self ÷ (q·u − p) when p/q is a root (exact over the integers by Gauss's lemma, gcd(p, q) = 1).
    func deflated(numerator p: Int, denominator q: Int) throws -> IntegerPolynomial {
        // Synthetic division from the top: c_n u^n + … = (q u − p)(b_{n−1} u^{n−1} + …).
        let n = degree
        var b = [Int](repeating: 0, count: n)
        var carry = 0   // the coefficient still to be matched at each power
        for j in stride(from: n, through: 1, by: -1) {
            let (c, o) = coefficients[j].addingReportingOverflow(carry)
            if o { throw Overflow() }
            guard c % q == 0 else { throw Overflow() }
            b[j - 1] = c / q
            carry = try Self.mul(b[j - 1], p)
        }
        return IntegerPolynomial(b)
    }

    /// Sign variations of the Sturm sequence at a bound.
    static func variations(_ sequence: [IntegerPolynomial], at bound: RationalBound) throws -> Int {
        let signs = try sequence.map { try $0.sign(at: bound) }.filter { $0 != 0 }
        return zip(signs, signs.dropFirst()).filter { $0 != $1 }.count
    }

    /// The number of distinct real roots in the open interval (a, b); neither bound may be a root.
    func distinctRootCount(above a: RationalBound, below b: RationalBound) throws -> Int {
        guard degree >= 1 else { return 0 }
        let seq = try sturmSequence()
        return try Self.variations(seq, at: a) - Self.variations(seq, at: b)
    }

    /// p(x) in Double (for locating roots already counted exactly).
    func value(_ x: Double) -> Double {
        coefficients.reversed().reduce(0.0) { $0 * x + Double($1) }
    }
}

/// An end of an interval: ±∞ or the rational p/q (q > 0).
enum RationalBound: Equatable {
    case minusInfinity, plusInfinity
    case value(Int, Int)

    var doubleValue: Double {
        switch self {
        case .minusInfinity: return -.infinity
        case .plusInfinity: return .infinity
        case let .value(p, q): return Double(p) / Double(q)
        }
    }
}

extension IntegerPolynomial {
    /// A nonzero constant multiple of self ÷ b, for b dividing self exactly
    /// (pseudo-division: both quotient and remainder are scaled by lead(b)
    /// at each step), made primitive.
    func exactQuotientUpToConstant(dividingBy b: IntegerPolynomial) throws -> IntegerPolynomial {
        guard b.degree >= 0, !b.isZero else { throw Overflow() }
        if degree < b.degree { return IntegerPolynomial([]) }
        var r = coefficients
        var q = [Int](repeating: 0, count: degree - b.degree + 1)
        let lb = b.leading
        var top = degree
        while top >= b.degree {
            let lr = r[top]
            if lr != 0 {
                let shift = top - b.degree
                q = try q.map { try Self.mul($0, lb) }
                let (sum, o) = q[shift].addingReportingOverflow(lr)
                if o { throw Overflow() }
                q[shift] = sum
                r = try r.map { try Self.mul($0, lb) }
                for (j, bj) in b.coefficients.enumerated() {
                    r[j + shift] = try Self.sub(r[j + shift], try Self.mul(lr, bj))
                }
                // Keep sizes down: divide q and r by their common content.
                var g = 0
                for c in q { g = Self.gcd(g, c) }
                for c in r { g = Self.gcd(g, c) }
                if g > 1 { q = q.map { $0 / g }; r = r.map { $0 / g } }
            }
            top -= 1
        }
        return IntegerPolynomial(q).primitivePart()
    }
}
