extension Polynomial {
    /// Readable, stable, exact text that parses back to the same polynomial:
    /// `w1^2*w2^4 - 3.5*w1 + 1`.
    public var description: String {
        if terms.isEmpty { return "0" }
        var out = ""
        for (i, t) in terms.enumerated() {
            let negative = t.exact.isNegative
            let magnitude = negative ? -t.exact : t.exact
            out += i == 0 ? (negative ? "-" : "") : (negative ? " - " : " + ")
            let factors = Polynomial.monomialText(t, variables)
            if factors.isEmpty {
                out += magnitude.description
            } else if magnitude == .one {
                out += factors
            } else {
                out += magnitude.description + "*" + factors
            }
        }
        return out
    }

    /// `w1^2*w2` for the term's exponents ("" for a constant).
    static func monomialText(_ t: Term, _ variables: [String]) -> String {
        t.exponents.enumerated().compactMap { j, e -> String? in
            e == 0 ? nil : (e == 1 ? variables[j] : "\(variables[j])^\(e)")
        }.joined(separator: "*")
    }
}
