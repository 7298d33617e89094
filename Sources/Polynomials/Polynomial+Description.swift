// Printing a `Polynomial` in the syntax the parser reads back.

extension Polynomial: CustomStringConvertible {
    /// The canonical form in parser syntax, e.g. `w1^2*w2^4 - 3.5*w1 + 1`:
    /// terms in graded lexicographic order, unit coefficients omitted, integral
    /// coefficients without a decimal point, others in Swift's shortest
    /// round-trip form (`0.1`, `2.5e-07`), so `Polynomial(parsing: p.description) == p`.
    public var description: String {
        guard !terms.isEmpty else { return "0" }
        var out = ""
        for (k, t) in terms.enumerated() {
            let negative = t.coefficient < 0 || (t.coefficient == 0 && t.coefficient.sign == .minus)
            if k == 0 {
                if negative { out += "-" }
            } else {
                out += negative ? " - " : " + "
            }
            let magnitude = Swift.abs(t.coefficient)
            let monomial = Polynomial.monomialString(variables, t.exponents)
            if monomial.isEmpty {
                out += Polynomial.format(magnitude)
            } else if magnitude == 1 {
                out += monomial
            } else {
                out += Polynomial.format(magnitude) + "*" + monomial
            }
        }
        return out
    }

    /// `w1^2*w2`, or the empty string for the zero exponent vector.
    static func monomialString(_ variables: [String], _ exponents: [Int]) -> String {
        var parts: [String] = []
        for (j, e) in exponents.enumerated() where e > 0 {
            parts.append(e == 1 ? variables[j] : "\(variables[j])^\(e)")
        }
        return parts.joined(separator: "*")
    }

    /// A coefficient: `3` for integral values below 2^53, else shortest round-trip.
    static func format(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), Swift.abs(x) < 9.007199254740992e15 {
            return String(Int64(x))
        }
        return "\(x)"
    }
}
