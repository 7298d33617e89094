import Polynomials

extension GlobalLearningCoefficient {
    /// One variable, exact: K as an integer polynomial f (denominators
    /// cleared); zeros at finite bounds found by exact evaluation and
    /// deflation; interior zeros isolated by Sturm counts on rational
    /// intervals of the square-free part f / gcd(f, f′), each multiplicity
    /// counted exactly on its isolating interval through the chain
    /// f_{j+1} = gcd(f_j, f_j′) (a zero of multiplicity k is a zero of
    /// f_0 … f_{k−1}). Only the location is a Double (bisection inside the
    /// isolating interval), reported exactly when a short decimal is verified
    /// to be a zero.
    static func univariate(_ k: Polynomial, lower: Double, upper: Double) throws -> GlobalLearningCoefficient {
        let name = k.variables[0]
        let f: IntegerPolynomial
        do { f = try integerPolynomial(k) } catch {
            throw AnalyticError.cannotCertify(face: "K = \(k)", reason: "its coefficients do not fit 64-bit exact arithmetic")
        }
        func bound(_ x: Double, _ side: String) throws -> RationalBound {
            if x == -.infinity { return .minusInfinity }
            if x == .infinity { return .plusInfinity }
            guard let r = ExactDecimal(x)?.rational else {
                throw AnalyticError.invalidInput(field: "prior", reason: "the \(side) bound \(x) does not fit exact arithmetic")
            }
            return .value(r.numerator, r.denominator)
        }
        let a = try bound(lower, "lower"), b = try bound(upper, "upper")
        do {
            return try univariate(f, name: name, k: k, a: a, b: b)
        } catch is IntegerPolynomial.Overflow {
            throw AnalyticError.cannotCertify(face: "K = \(k)", reason: "integer overflow while isolating its real zeros exactly")
        }
    }

    private static func univariate(_ f: IntegerPolynomial, name: String, k: Polynomial,
                                   a: RationalBound, b: RationalBound) throws -> GlobalLearningCoefficient {
        var zeros: [(location: Double, exact: String?, multiplicity: Int, edge: Bool)] = []
        // Zeros at the finite bounds, by deflation.
        var g = f
        for bound in [a, b] {
            guard case let .value(p, q) = bound else { continue }
            var multiplicity = 0
            while g.degree >= 1, try g.sign(numerator: p, denominator: q) == 0 {
                g = try g.deflated(numerator: p, denominator: q)
                multiplicity += 1
            }
            if multiplicity > 0 {
                zeros.append((Double(p) / Double(q), Rational(p, q).decimalText, multiplicity, true))
            }
        }
        // Interior zeros: the chain f_{j+1} = gcd(f_j, f_j′) and the square-free part.
        var chain = [g]
        while chain.last!.degree >= 1 {
            chain.append(try chain.last!.repeatedPart().primitivePart())
        }
        let squareFree = try chain.count >= 2 ? chain[0].exactQuotientUpToConstant(dividingBy: chain[1]) : chain[0]
        // Finite interval containing every real root (Cauchy bound) where the prior is unbounded.
        let cauchy: Int = {
            guard squareFree.degree >= 1 else { return 1 }
            let lead = abs(squareFree.leading)
            let m = squareFree.coefficients.dropLast().map { ($0.magnitude + UInt(lead) - 1) / UInt(lead) }.max() ?? 0
            return Int(min(m, UInt(Int.max / 4))) + 2
        }()
        let lo: RationalBound = a == .minusInfinity ? .value(-cauchy, 1) : a
        let hi: RationalBound = b == .plusInfinity ? .value(cauchy, 1) : b
        var intervals: [(RationalBound, RationalBound)] = []
        try isolate(squareFree, lo, hi, depth: 0, into: &intervals)
        for (l, u) in intervals {
            var multiplicity = 1
            for fj in chain.dropFirst() where fj.degree >= 1 {
                guard try fj.distinctRootCount(above: l, below: u) > 0 else { break }
                multiplicity += 1
            }
            let x = bisect(squareFree, l.doubleValue, u.doubleValue)
            zeros.append((x, try verifiedDecimal(squareFree, x), multiplicity, false))
        }
        zeros.sort { $0.location < $1.location }

        // K ≥ 0 on the support: no interior zero of odd multiplicity, and K > 0 away from the zeros.
        if let odd = zeros.first(where: { !$0.edge && $0.multiplicity % 2 == 1 }) {
            throw AnalyticError.notNonnegative(face: "\(name) = \(odd.exact ?? format(odd.location))",
                                               reason: "is a zero of odd multiplicity \(odd.multiplicity) inside the support, so K changes sign there")
        }
        // Every interior zero has even multiplicity, so K has one sign between them: probe a non-zero.
        var probe = try midpoint(lo, hi)
        if try f.sign(at: probe) == 0 { probe = try third(lo, hi) }
        if try f.sign(at: probe) < 0 {
            throw AnalyticError.notNonnegative(face: "the support", reason: "K is negative there, so it is not a potential")
        }
        guard !zeros.isEmpty else {
            throw AnalyticError.noTheorem("K = \(k) has no zero in the support \(text(a, b)): there is no true parameter")
        }
        var minima: [Minimum] = []
        for z in zeros {
            let where_ = "\(name) = \(z.exact ?? "≈" + format(z.location))"
            let local = LearningCoefficient(
                lambda: Rational(1, z.multiplicity), multiplicity: 1,
                method: "a zero of multiplicity \(z.multiplicity): K ~ (\(name) − \(name)*)^\(z.multiplicity) × unit, λ = 1/\(z.multiplicity)",
                source: NormalCrossing.source,
                assumptions: ["the prior density is positive at the point" + (z.edge ? " (the point is an end of the support: a one-sided neighbourhood has the same pole)" : "")],
                attainedAt: "local at \(where_)")
            minima.append(Minimum(point: [z.location], text: "(\(where_))" + (z.edge ? " (end of the support)" : ""),
                                  value: 0, isExactZero: z.exact != nil, local: local, reason: nil))
        }
        let (lambda, _, attaining) = combine(minima)!
        let coefficient = LearningCoefficient(
            lambda: lambda, multiplicity: 1,
            method: "global over the support \(text(a, b)): every real zero of K, counted exactly (Sturm sequences); λ = 1/(largest multiplicity) = \(lambda), m = 1 in one variable",
            source: source,
            assumptions: ["K = \(k) ≥ 0 on the support (checked exactly)",
                          "the prior density is positive and continuous on the support \(text(a, b))"],
            attainedAt: attaining.map(\.text).joined(separator: ", "))
        return GlobalLearningCoefficient(coefficient: coefficient, minima: minima, isExhaustive: true)
    }

    /// Splits (l, u) until each piece holds exactly one root of the square-free g.
    private static func isolate(_ g: IntegerPolynomial, _ l: RationalBound, _ u: RationalBound, depth: Int,
                                into out: inout [(RationalBound, RationalBound)]) throws {
        let count = try g.distinctRootCount(above: l, below: u)
        if count == 0 { return }
        if count == 1 { out.append((l, u)); return }
        guard depth < 60 else { throw IntegerPolynomial.Overflow() }
        var m = try midpoint(l, u)
        // A midpoint that is itself a root: move to a third of the way instead.
        if try g.sign(at: m) == 0 { m = try third(l, u) }
        if try g.sign(at: m) == 0 { throw IntegerPolynomial.Overflow() }
        try isolate(g, l, m, depth: depth + 1, into: &out)
        try isolate(g, m, u, depth: depth + 1, into: &out)
    }

    private static func midpoint(_ l: RationalBound, _ u: RationalBound) throws -> RationalBound {
        try combination(l, 1, u, 1)
    }

    private static func third(_ l: RationalBound, _ u: RationalBound) throws -> RationalBound {
        try combination(l, 2, u, 1)
    }

    /// (s·l + t·u)/(s + t), overflow-checked.
    private static func combination(_ l: RationalBound, _ s: Int, _ u: RationalBound, _ t: Int) throws -> RationalBound {
        guard case let .value(p1, q1) = l, case let .value(p2, q2) = u else { return l }
        let mul = IntegerPolynomial.mul
        let n1 = try mul(try mul(p1, q2), s), n2 = try mul(try mul(p2, q1), t)
        let (n, o) = n1.addingReportingOverflow(n2)
        if o { throw IntegerPolynomial.Overflow() }
        let r = Rational(n, try mul(try mul(q1, q2), s + t))
        return .value(r.numerator, r.denominator)
    }

    /// The sign change of g in (l, u), by bisection in Double.
    private static func bisect(_ g: IntegerPolynomial, _ l: Double, _ u: Double) -> Double {
        var (lo, hi) = (l, u)
        let sLo = g.value(lo).sign
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            guard mid > lo && mid < hi else { break }
            let v = g.value(mid)
            if v == 0 { return mid }
            if v.sign == sLo { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// The shortest decimal (up to 9 places) near x that is exactly a root of g.
    private static func verifiedDecimal(_ g: IntegerPolynomial, _ x: Double) throws -> String? {
        var scale = 1
        for _ in 0...9 {
            let p = (x * Double(scale)).rounded()
            if abs(p) < 1e15, abs(p / Double(scale) - x) <= 1e-6 * max(1, abs(x)) {
                let r = Rational(Int(p), scale)
                if let s = try? g.sign(numerator: r.numerator, denominator: r.denominator), s == 0 { return r.decimalText }
            }
            scale *= 10
        }
        return nil
    }

    /// K's coefficients (one variable) as integers with the denominators cleared.
    static func integerPolynomial(_ k: Polynomial) throws -> IntegerPolynomial {
        let n = k.degree
        var rationals = [Rational](repeating: .zero, count: n + 1)
        for t in k.terms {
            guard let c = t.exact.rational else { throw IntegerPolynomial.Overflow() }
            rationals[t.exponents.first ?? 0] = c
        }
        var lcm = 1
        for c in rationals { lcm = try IntegerPolynomial.mul(lcm / IntegerPolynomial.gcd(lcm, c.denominator), c.denominator) }
        return IntegerPolynomial(try rationals.map { try IntegerPolynomial.mul($0.numerator, lcm / $0.denominator) })
    }

    static func format(_ x: Double) -> String {
        let r = (x * 1e6).rounded() / 1e6
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : "\(r)"
    }

    private static func text(_ a: RationalBound, _ b: RationalBound) -> String {
        func t(_ x: RationalBound) -> String {
            switch x {
            case .minusInfinity: return "−∞"
            case .plusInfinity: return "∞"
            case let .value(p, q): return Rational(p, q).decimalText
            }
        }
        return "[\(t(a)), \(t(b))]"
    }
}

extension Rational {
    /// `1.6` for 8/5 when the decimal expansion terminates within nine places, else `8/5`-style text.
    var decimalText: String {
        var q = denominator, twos = 0, fives = 0
        while q % 2 == 0 { q /= 2; twos += 1 }
        while q % 5 == 0 { q /= 5; fives += 1 }
        let places = max(twos, fives)
        guard q == 1, places <= 9 else { return description }
        if places == 0 { return "\(numerator)" }
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let (scaled, o) = numerator.multipliedReportingOverflow(by: scale / denominator)
        guard !o else { return description }
        let negative = scaled < 0
        let digits = String(scaled.magnitude)
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -places)
        return (negative ? "-" : "") + padded[..<cut] + "." + padded[cut...]
    }
}
