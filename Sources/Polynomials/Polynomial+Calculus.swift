// Evaluation, differentiation, substitution and restriction of `Polynomial`.

extension Polynomial {
    /// The value at `point`, which must give every variable of the polynomial.
    /// Returns nil if a variable is missing. (For repeated evaluation use
    /// ``CompiledPolynomial``.)
    public func evaluate(_ point: [String: Double]) -> Double? {
        var values = [Double]()
        values.reserveCapacity(variables.count)
        for v in variables {
            guard let x = point[v] else { return nil }
            values.append(x)
        }
        var sum = 0.0
        for t in terms {
            var m = t.coefficient
            for (j, e) in t.exponents.enumerated() where e > 0 { m *= Polynomial.integerPower(values[j], e) }
            sum += m
        }
        return sum
    }

    /// x^n for n ≥ 0 by repeated squaring.
    static func integerPower(_ x: Double, _ n: Int) -> Double {
        var result = 1.0, base = x, k = n
        while k > 0 {
            if k & 1 == 1 { result *= base }
            k >>= 1
            base *= base
        }
        return result
    }

    /// ∂p/∂`variable` (zero if the variable does not occur).
    public func derivative(withRespectTo variable: String) -> Polynomial {
        guard let j = variables.firstIndex(of: variable) else { return .zero }
        var terms: [Term] = []
        for t in self.terms where t.exponents[j] > 0 {
            var e = t.exponents
            e[j] -= 1
            terms.append(Term(exponents: e, coefficient: t.coefficient * Double(t.exponents[j])))
        }
        return Polynomial(variables: variables, terms: terms)
    }

    /// The gradient (∂p/∂v for v in `variables`, default the polynomial's own).
    public func gradient(variables order: [String]? = nil) -> [Polynomial] {
        (order ?? variables).map { derivative(withRespectTo: $0) }
    }

    /// p with the variables of `point` replaced by their values: a polynomial
    /// in the remaining variables. Variables not in the polynomial are ignored.
    public func substituting(_ point: [String: Double]) -> Polynomial {
        var sums: [[Int]: Double] = [:]
        for t in terms {
            var e = t.exponents, c = t.coefficient
            for (j, v) in variables.enumerated() {
                if let x = point[v], e[j] > 0 {
                    c *= Polynomial.integerPower(x, e[j])
                    e[j] = 0
                }
            }
            sums[e, default: 0] += c
        }
        return Polynomial(variables: variables, sums: sums)
    }

    /// p(w + w*): each variable v of `point` is replaced by v + point[v], so the
    /// new origin is the point w* (e.g. a critical point, before a Newton
    /// polyhedron or a local learning coefficient is computed there).
    public func shifted(to point: [String: Double]) -> Polynomial {
        var result = Polynomial.zero
        // Cache (v + c)^k per variable, built incrementally.
        var powers: [String: [Polynomial]] = [:]
        func power(_ v: String, _ k: Int) -> Polynomial {
            let c = point[v] ?? 0
            let base = Polynomial(variable: v) + Polynomial(c)
            var list = powers[v] ?? [Polynomial.one]
            while list.count <= k { list.append(list[list.count - 1] * base) }
            powers[v] = list
            return list[k]
        }
        for t in terms {
            var m = Polynomial(t.coefficient)
            for (j, e) in t.exponents.enumerated() where e > 0 {
                m = m * (point[variables[j]] == nil ? Polynomial(variable: variables[j]).power(e) : power(variables[j], e))
            }
            result = result + m
        }
        return result
    }

    /// The polynomial made of the terms at `termIndices` only (indices into
    /// `terms`): the face polynomial p_γ of a Newton-polyhedron face γ.
    /// Out-of-range indices are ignored.
    public func restricted(to termIndices: some Sequence<Int>) -> Polynomial {
        let chosen = termIndices.filter { terms.indices.contains($0) }.map { terms[$0] }
        return Polynomial(variables: variables, terms: chosen)
    }
}
