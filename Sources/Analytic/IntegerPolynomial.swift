/// A univariate polynomial with Int coefficients (low degree first), with the
/// exact root counting the non-degeneracy check needs: Sturm sequences built
/// from sign-corrected pseudo-remainders, kept primitive. Every operation
/// checks for overflow and throws `IntegerPolynomial.Overflow` rather than
/// give a wrong count.
struct IntegerPolynomial: Equatable, Sendable {
    struct Overflow: Error {}

    /// c[j] is the coefficient of u^j; no trailing zeros (the zero polynomial is []).
    private(set) var coefficients: [Int]

    init(_ coefficients: [Int]) {
        var c = coefficients
        while let last = c.last, last == 0 { c.removeLast() }
        self.coefficients = c
    }

    var isZero: Bool { coefficients.isEmpty }
    var degree: Int { coefficients.count - 1 }
    var leading: Int { coefficients.last ?? 0 }

    func derivative() throws -> IntegerPolynomial {
        guard degree >= 1 else { return IntegerPolynomial([]) }
        return IntegerPolynomial(try (1...degree).map { try Self.mul(coefficients[$0], $0) })
    }

    /// Divided by the (positive) gcd of its coefficients: signs are kept.
    func primitivePart() -> IntegerPolynomial {
        var g = 0
        for c in coefficients { g = Self.gcd(g, c) }
        guard g > 1 else { return self }
        return IntegerPolynomial(coefficients.map { $0 / g })
    }

    /// A positive constant multiple of the remainder of self ÷ b (b ≠ 0).
    func remainderUpToPositiveFactor(dividingBy b: IntegerPolynomial) throws -> IntegerPolynomial {
        var a = self
        let lb = b.leading
        while !a.isZero && a.degree >= b.degree {
            let la = a.leading, shift = a.degree - b.degree
            // a ← |lb|·a − sign(lb)·la·u^shift·b keeps the factor positive.
            let scale = abs(lb), factor = lb > 0 ? la : -la
            var next = try a.coefficients.map { try Self.mul($0, scale) }
            for (j, bj) in b.coefficients.enumerated() {
                next[j + shift] = try Self.sub(next[j + shift], try Self.mul(factor, bj))
            }
            a = IntegerPolynomial(next).primitivePart()
        }
        return a
    }

    /// The Sturm sequence p0 = self, p1 = p0′, p_{k+1} = −rem(p_{k−1}, p_k)
    /// (each up to a positive factor). Its last element is gcd(p0, p0′).
    func sturmSequence() throws -> [IntegerPolynomial] {
        var seq = [self.primitivePart()]
        var next = try self.derivative().primitivePart()
        while !next.isZero {
            seq.append(next)
            let r = try seq[seq.count - 2].remainderUpToPositiveFactor(dividingBy: next)
            next = IntegerPolynomial(r.coefficients.map { -$0 })
        }
        return seq
    }

    /// The number of distinct real roots (Sturm: V(−∞) − V(+∞)).
    func distinctRealRootCount() throws -> Int {
        guard degree >= 1 else { return 0 }
        let seq = try sturmSequence()
        func variations(_ signs: [Int]) -> Int {
            let s = signs.filter { $0 != 0 }
            return zip(s, s.dropFirst()).filter { $0 != $1 }.count
        }
        let atPlus = seq.map { $0.leading.signum() }
        let atMinus = seq.map { $0.leading.signum() * ($0.degree % 2 == 0 ? 1 : -1) }
        return variations(atMinus) - variations(atPlus)
    }

    /// gcd(self, self′) up to a constant: its roots are the multiple roots.
    func repeatedPart() throws -> IntegerPolynomial {
        try sturmSequence().last!
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var x = a.magnitude, y = b.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        return Int(x)
    }
    static func mul(_ a: Int, _ b: Int) throws -> Int {
        let (v, o) = a.multipliedReportingOverflow(by: b)
        if o { throw Overflow() }
        return v
    }
    static func sub(_ a: Int, _ b: Int) throws -> Int {
        let (v, o) = a.subtractingReportingOverflow(b)
        if o { throw Overflow() }
        return v
    }
}
