// Ring operations on `Polynomial`: sums, products, integer powers.

extension Polynomial {
    /// The union of two variable lists, in natural order, and the positions of
    /// each list's variables in it.
    static func unify(_ a: [String], _ b: [String]) -> (variables: [String], mapA: [Int], mapB: [Int]) {
        let all = Array(Set(a).union(b)).sorted(by: naturalOrder)
        var index: [String: Int] = [:]
        for (k, v) in all.enumerated() { index[v] = k }
        return (all, a.map { index[$0]! }, b.map { index[$0]! })
    }

    /// The exponent vector `exponents` (over a sub-list) lifted to `count`
    /// variables through `map`.
    static func lift(_ exponents: [Int], _ map: [Int], _ count: Int) -> [Int] {
        var e = [Int](repeating: 0, count: count)
        for (j, k) in map.enumerated() { e[k] = exponents[j] }
        return e
    }

    public static func + (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
        let (vars, ma, mb) = unify(lhs.variables, rhs.variables)
        var sums: [[Int]: Double] = [:]
        for t in lhs.terms { sums[lift(t.exponents, ma, vars.count), default: 0] += t.coefficient }
        for t in rhs.terms { sums[lift(t.exponents, mb, vars.count), default: 0] += t.coefficient }
        return Polynomial(variables: vars, sums: sums)
    }

    public static prefix func - (p: Polynomial) -> Polynomial {
        Polynomial(variables: p.variables,
                   terms: p.terms.map { Term(exponents: $0.exponents, coefficient: -$0.coefficient) })
    }

    public static func - (lhs: Polynomial, rhs: Polynomial) -> Polynomial { lhs + (-rhs) }

    public static func * (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
        let (vars, ma, mb) = unify(lhs.variables, rhs.variables)
        let a = lhs.terms.map { lift($0.exponents, ma, vars.count) }
        let b = rhs.terms.map { lift($0.exponents, mb, vars.count) }
        var sums: [[Int]: Double] = [:]
        sums.reserveCapacity(a.count * b.count)
        var e = [Int](repeating: 0, count: vars.count)
        for (i, ea) in a.enumerated() {
            let ca = lhs.terms[i].coefficient
            for (k, eb) in b.enumerated() {
                for j in 0..<vars.count { e[j] = ea[j] + eb[j] }
                sums[e, default: 0] += ca * rhs.terms[k].coefficient
            }
        }
        return Polynomial(variables: vars, sums: sums)
    }

    public static func * (lhs: Double, rhs: Polynomial) -> Polynomial {
        Polynomial(variables: rhs.variables,
                   terms: rhs.terms.map { Term(exponents: $0.exponents, coefficient: lhs * $0.coefficient) })
    }

    public static func += (lhs: inout Polynomial, rhs: Polynomial) { lhs = lhs + rhs }
    public static func -= (lhs: inout Polynomial, rhs: Polynomial) { lhs = lhs - rhs }
    public static func *= (lhs: inout Polynomial, rhs: Polynomial) { lhs = lhs * rhs }

    /// `self^exponent` by repeated squaring; `exponent` must be ≥ 0 (p^0 = 1).
    public func power(_ exponent: Int) -> Polynomial {
        precondition(exponent >= 0, "Polynomial.power: negative exponent")
        var result = Polynomial.one, base = self, n = exponent
        while n > 0 {
            if n & 1 == 1 { result = result * base }
            n >>= 1
            if n > 0 { base = base * base }
        }
        return result
    }
}

extension Polynomial: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int) { self.init(Double(value)) }
    public init(floatLiteral value: Double) { self.init(value) }
}
