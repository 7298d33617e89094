extension Polynomial {
    /// Both operands' terms over the union of their variables.
    static func aligned(_ a: Polynomial, _ b: Polynomial) -> ([String], [[Int]: Double], [[Int]: Double]) {
        var vars = a.variables
        for v in b.variables where !vars.contains(v) { vars.append(v) }
        func table(_ p: Polynomial) -> [[Int]: Double] {
            let map = p.variables.map { vars.firstIndex(of: $0)! }
            var t: [[Int]: Double] = [:]
            for term in p.terms {
                var e = [Int](repeating: 0, count: vars.count)
                for (j, k) in map.enumerated() { e[k] = term.exponents[j] }
                t[e, default: 0] += term.coefficient
            }
            return t
        }
        return (vars, table(a), table(b))
    }

    public static func + (a: Polynomial, b: Polynomial) -> Polynomial {
        let (vars, ta, tb) = aligned(a, b)
        return Polynomial(variables: vars, table: ta.merging(tb, uniquingKeysWith: +))
    }

    public static prefix func - (a: Polynomial) -> Polynomial {
        var r = a
        for i in r.terms.indices { r.terms[i].coefficient.negate() }
        return r
    }

    public static func - (a: Polynomial, b: Polynomial) -> Polynomial { a + (-b) }

    public static func * (a: Polynomial, b: Polynomial) -> Polynomial {
        let (vars, ta, tb) = aligned(a, b)
        var out: [[Int]: Double] = [:]
        for (ea, ca) in ta {
            for (eb, cb) in tb {
                out[zip(ea, eb).map(+), default: 0] += ca * cb
            }
        }
        return Polynomial(variables: vars, table: out)
    }

    /// a^k for k ≥ 0 by repeated squaring.
    public func power(_ k: Int) -> Polynomial {
        precondition(k >= 0, "negative power")
        var result = Polynomial(constant: 1), base = self, e = k
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            e >>= 1
            if e > 0 { base = base * base }
        }
        return result
    }

    /// The value at `point` (missing variables count as 0).
    public func evaluate(_ point: [String: Double]) -> Double {
        let values = variables.map { point[$0] ?? 0 }
        return terms.reduce(0) { sum, t in
            var v = t.coefficient
            for (x, e) in zip(values, t.exponents) { for _ in 0..<e { v *= x } }
            return sum + v
        }
    }

    /// ∂/∂`variable`.
    public func derivative(withRespectTo variable: String) -> Polynomial {
        guard let j = variables.firstIndex(of: variable) else { return Polynomial() }
        var table: [[Int]: Double] = [:]
        for t in terms where t.exponents[j] > 0 {
            var e = t.exponents
            e[j] -= 1
            table[e, default: 0] += t.coefficient * Double(t.exponents[j])
        }
        return Polynomial(variables: variables, table: table)
    }

    /// The polynomial in shifted coordinates: p(w* + u) as a polynomial in u
    /// (named like w), so the point w* becomes the origin.
    public func shifted(to point: [String: Double]) -> Polynomial {
        var result = Polynomial(constant: 0)
        for t in terms {
            var product = Polynomial(constant: t.coefficient)
            for (j, e) in t.exponents.enumerated() where e > 0 {
                let name = variables[j]
                let factor = Polynomial(variable: name) + Polynomial(constant: point[name] ?? 0)
                product = product * factor.power(e)
            }
            result = result + product
        }
        return result
    }

    /// The polynomial made of the terms at `indices` (a face polynomial).
    public func restricted(to indices: [Int]) -> Polynomial {
        Polynomial(variables: variables, terms: indices.map { (terms[$0].exponents, terms[$0].coefficient) })
    }
}
