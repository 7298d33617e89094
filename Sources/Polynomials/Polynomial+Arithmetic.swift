extension Polynomial {
    /// The largest total degree a product or power may reach.
    public static let maximumDegree = 1024
    /// The largest number of term-by-term multiplications one product or power
    /// may need (a power's bound is predicted terms × terms × (k − 1)): an
    /// exact product costs about 4 µs here, so a refused input is one that would
    /// have taken over a second. (1+w1+…+w4)^12 needs at most 100,100.
    public static let maximumTermProducts = 250_000
    /// The largest number of limb (base-10⁹ digit) multiplications one product
    /// or power may need: exact coefficients can grow to thousands of digits
    /// (`(w - 62e-29)^440` has 790-digit ones), so the term count alone does
    /// not bound the time. (Σ limbs of a)·(Σ limbs of b) is known before expanding.
    public static let maximumLimbProducts = 10_000_000

    /// (Σ limbs of a's coefficients)·(Σ limbs of b's): the limb multiplications of a·b.
    static func limbProducts(_ a: Polynomial, _ b: Polynomial) -> Int {
        let la = a.terms.reduce(0) { $0 + max(1, $1.exact.limbs.count) }
        let lb = b.terms.reduce(0) { $0 + max(1, $1.exact.limbs.count) }
        let (r, o) = la.multipliedReportingOverflow(by: lb)
        return o ? Int.max : r
    }

    /// The union of the variable lists (each in natural order), naturally ordered.
    static func union(_ lists: [[String]]) -> [String] {
        guard let first = lists.first else { return [] }
        if lists.allSatisfy({ $0 == first }) { return first }
        // Distinct names first (membership only), then one sort: the order is
        // naturalLess's, a strict total order, not the set's.
        var distinct = Set<String>()
        for list in lists { distinct.formUnion(list) }
        return distinct.sorted(by: Polynomial.naturalLess)
    }

    /// The terms with exponents over `vars` (a superset of `variables`).
    func terms(over vars: [String]) -> [Term] {
        if vars == variables { return terms }
        return terms(over: vars, position: Polynomial.positions(of: vars))
    }

    /// Index of each name in `vars` (lookups only: its order never matters).
    static func positions(of vars: [String]) -> [String: Int] {
        var position: [String: Int] = [:]
        position.reserveCapacity(vars.count)
        for (k, v) in vars.enumerated() { position[v] = k }
        return position
    }

    /// The terms with exponents over `vars`, given the index of each name in `vars`.
    func terms(over vars: [String], position: [String: Int]) -> [Term] {
        if vars == variables { return terms }
        let map = variables.map { position[$0]! }
        return terms.map { t in
            var e = [Int](repeating: 0, count: vars.count)
            for (j, k) in map.enumerated() { e[k] = t.exponents[j] }
            return Term(exponents: e, exact: t.exact)
        }
    }

    /// Σ parts, merged once (O(N log N) in the total number of terms N).
    public static func sum(_ parts: [Polynomial]) throws(PolynomialLimitError) -> Polynomial {
        let vars = union(parts.map(\.variables))
        let position = positions(of: vars)
        var raw: [Term] = []
        raw.reserveCapacity(parts.reduce(0) { $0 + $1.terms.count })
        for p in parts { raw += p.terms(over: vars, position: position) }
        return try canonical(variables: vars, raw: raw, naturallyOrdered: true)
    }

    public static func + (a: Polynomial, b: Polynomial) throws(PolynomialLimitError) -> Polynomial {
        try sum([a, b])
    }

    public static prefix func - (a: Polynomial) -> Polynomial {
        var r = a
        for i in r.terms.indices { r.terms[i].exact = -r.terms[i].exact }
        return r
    }

    public static func - (a: Polynomial, b: Polynomial) throws(PolynomialLimitError) -> Polynomial { try sum([a, -b]) }

    /// C(n, k) saturating at Int.max.
    static func binomial(_ n: Int, _ k: Int) -> Int {
        guard k >= 0, k <= n else { return 0 }
        let k = min(k, n - k)
        var r = 1
        for i in 0..<k {
            // r·(n − i)/(i + 1) is an integer at every step.
            let (m, o) = r.multipliedReportingOverflow(by: n - i)
            if o { return Int.max }
            r = m / (i + 1)
        }
        return r
    }

    /// Upper bound on the number of monomials of degree ≤ `degree` in `d` variables: C(d + degree, d).
    static func monomialBound(variables d: Int, degree: Int) -> Int { binomial(d + degree, d) }

    /// a·b with its size predicted and bounded first.
    public static func * (a: Polynomial, b: Polynomial) throws(PolynomialLimitError) -> Polynomial {
        if a.isZero || b.isZero { return Polynomial() }
        let (degree, o) = a.degree.addingReportingOverflow(b.degree)
        guard !o, degree <= maximumDegree else {
            throw PolynomialLimitError("a product of degree \(a.degree) + \(b.degree) exceeds the largest degree \(maximumDegree)")
        }
        let (work, o2) = a.terms.count.multipliedReportingOverflow(by: b.terms.count)
        guard !o2, work <= maximumTermProducts else {
            throw PolynomialLimitError("the product of a \(a.terms.count)-term and a \(b.terms.count)-term polynomial needs \(o2 ? "more than \(Int.max)" : "\(work)") term multiplications, more than the limit \(maximumTermProducts)")
        }
        let limbWork = limbProducts(a, b)
        guard limbWork <= maximumLimbProducts else {
            throw PolynomialLimitError("the product of a \(a.terms.count)-term and a \(b.terms.count)-term polynomial needs \(limbWork) multiplications of 9-digit limbs of its exact coefficients, more than the limit \(maximumLimbProducts)")
        }
        let vars = union([a.variables, b.variables])
        let predicted = min(work, monomialBound(variables: vars.count, degree: degree))
        guard predicted <= maximumTerms else {
            throw PolynomialLimitError("the product may have up to \(predicted) terms, more than the limit \(maximumTerms)")
        }
        let ta = a.terms(over: vars), tb = b.terms(over: vars)
        var raw: [Term] = []
        raw.reserveCapacity(work)
        for x in ta {
            for y in tb {
                var e = x.exponents
                for j in e.indices { e[j] += y.exponents[j] }
                raw.append(Term(exponents: e, exact: try x.exact.multiplied(by: y.exact)))
            }
        }
        return try canonical(variables: vars, raw: raw, naturallyOrdered: true)
    }

    /// An upper bound on the number of terms of self^k: at most C(n + k − 1, k)
    /// products of k of the n terms (with repetition), and at most the number
    /// of monomials of degree ≤ k·deg in the d variables.
    public func predictedPowerTermCount(_ k: Int) -> Int {
        let (degree, o) = self.degree.multipliedReportingOverflow(by: k)
        let byTerms = Polynomial.binomial(terms.count + k - 1, k)
        return o ? byTerms : min(byTerms, Polynomial.monomialBound(variables: variables.count, degree: degree))
    }

    /// self^k for k ≥ 0. The degree, the term count of the result
    /// (`predictedPowerTermCount`) and the work are checked before expanding;
    /// the power is built by repeated multiplication by self, each partial
    /// power having at most as many terms as the prediction.
    public func power(_ k: Int) throws(PolynomialLimitError) -> Polynomial {
        guard k >= 0 else { throw PolynomialLimitError("negative power \(k)") }
        if k == 0 { return Polynomial(constant: ExactDecimal.one) }
        if k == 1 || isZero { return self }
        let (degree, o) = self.degree.multipliedReportingOverflow(by: k)
        guard !o, degree <= Polynomial.maximumDegree else {
            throw PolynomialLimitError("a power of degree \(self.degree)·\(k) = \(o ? "more than \(Int.max)" : "\(degree)") exceeds the largest degree \(Polynomial.maximumDegree)")
        }
        let predicted = predictedPowerTermCount(k)
        guard predicted <= Polynomial.maximumTerms else {
            throw PolynomialLimitError("the power ^\(k) of a \(terms.count)-term polynomial in \(variables.count) variables may have up to \(predicted == Int.max ? "more than \(Int.max)" : "\(predicted)") terms (at most C(\(terms.count + k - 1), \(k)) products, and at most C(\(variables.count + degree), \(variables.count)) monomials of degree ≤ \(degree)), more than the limit \(Polynomial.maximumTerms)")
        }
        if terms.count == 1 {
            let t = terms[0]
            var p = Polynomial()
            p.variables = variables
            p.terms = [Term(exponents: t.exponents.map { $0 * k }, exact: try t.exact.power(k))]
            return p
        }
        let (work, o2) = predicted.multipliedReportingOverflow(by: terms.count * (k - 1))
        guard !o2, work <= Polynomial.maximumTermProducts else {
            throw PolynomialLimitError("the power ^\(k) of a \(terms.count)-term polynomial may need up to \(o2 ? "more than \(Int.max)" : "\(work)") term multiplications, more than the limit \(Polynomial.maximumTermProducts)")
        }
        var result = self
        var limbWork = 0
        for _ in 1..<k {
            limbWork += Polynomial.limbProducts(result, self)
            guard limbWork <= Polynomial.maximumLimbProducts else {
                throw PolynomialLimitError("the power ^\(k) of a \(terms.count)-term polynomial needs more than \(Polynomial.maximumLimbProducts) multiplications of 9-digit limbs of its exact coefficients")
            }
            result = try result * self
        }
        return result
    }

    /// The value at `point` (missing variables count as 0), from the Double coefficients.
    public func evaluate(_ point: [String: Double]) -> Double {
        let values = variables.map { point[$0] ?? 0 }
        return terms.reduce(0) { sum, t in
            var v = t.coefficient
            for (x, e) in zip(values, t.exponents) { for _ in 0..<e { v *= x } }
            return sum + v
        }
    }

    /// ∂/∂`variable`, exact.
    public func derivative(withRespectTo variable: String) -> Polynomial {
        guard let j = variables.firstIndex(of: variable) else { return Polynomial() }
        var raw: [Term] = []
        for t in terms where t.exponents[j] > 0 {
            var e = t.exponents
            e[j] -= 1
            // Multiplying by an exponent ≤ maximumDegree adds at most 4 digits.
            let c = (try? t.exact.multiplied(by: ExactDecimal(t.exponents[j]))) ?? .zero
            raw.append(Term(exponents: e, exact: c))
        }
        return (try? Polynomial.canonical(variables: variables, raw: raw, naturallyOrdered: true)) ?? Polynomial()
    }

    /// The polynomial in shifted coordinates: p(w* + u) as a polynomial in u
    /// (named like w), so the point w* becomes the origin. Each coordinate of
    /// the point is read as the decimal it was written as (1.6 = 16/10), so
    /// the shift is exact: a polynomial vanishing at w* = 1.6 has no constant term.
    public func shifted(to point: [String: Double]) throws(PolynomialLimitError) -> Polynomial {
        var exactPoint: [String: ExactDecimal] = [:]
        // In name order: the first non-finite coordinate named must not depend on hash order.
        for (name, value) in point.sorted(by: { Polynomial.naturalLess($0.key, $1.key) }) {
            guard let x = ExactDecimal(value) else { throw PolynomialLimitError("the coordinate \(name) = \(value) is not a finite number") }
            exactPoint[name] = x
        }
        return try shifted(toExact: exactPoint)
    }

    /// p(w* + u) for an exact point.
    public func shifted(toExact point: [String: ExactDecimal]) throws(PolynomialLimitError) -> Polynomial {
        // (u_j + a_j)^e for every exponent e that occurs, built once per variable.
        var factorPowers: [[Polynomial]] = []
        for (j, name) in variables.enumerated() {
            let top = terms.map { $0.exponents[j] }.max() ?? 0
            let factor = try Polynomial(variable: name) + Polynomial(constant: point[name] ?? .zero)
            var powers = [Polynomial(constant: ExactDecimal.one)]
            for _ in 0..<top { powers.append(try powers.last! * factor) }
            factorPowers.append(powers)
        }
        var parts: [Polynomial] = []
        var total = 0
        for t in terms {
            var product = Polynomial(constant: t.exact)
            for (j, e) in t.exponents.enumerated() where e > 0 {
                product = try product * factorPowers[j][e]
            }
            total += product.terms.count
            guard total <= Polynomial.maximumTermProducts else {
                throw PolynomialLimitError("the shift to the point expands to more than \(Polynomial.maximumTermProducts) terms before combining")
            }
            parts.append(product)
        }
        let result = try Polynomial.sum(parts)
        guard result.terms.count <= Polynomial.maximumTerms else {
            throw PolynomialLimitError("the shifted polynomial has \(result.terms.count) terms, more than the limit \(Polynomial.maximumTerms)")
        }
        return result
    }

    /// The polynomial made of the terms at `indices` (a face polynomial).
    public func restricted(to indices: [Int]) -> Polynomial {
        var p = Polynomial()
        p.variables = variables
        p.terms = indices.sorted().map { terms[$0] }
        return (try? Polynomial.canonical(variables: variables, raw: p.terms, naturallyOrdered: true)) ?? p
    }
}
