extension Polynomial {
    /// Readable, stable text that parses back: `w1^2*w2^4 - 3.5*w1 + 1`.
    public var description: String {
        if terms.isEmpty { return "0" }
        var out = ""
        for (i, t) in terms.enumerated() {
            let negative = t.coefficient < 0
            let magnitude = abs(t.coefficient)
            out += i == 0 ? (negative ? "-" : "") : (negative ? " - " : " + ")
            let factors = t.exponents.enumerated().compactMap { j, e -> String? in
                e == 0 ? nil : (e == 1 ? variables[j] : "\(variables[j])^\(e)")
            }
            if factors.isEmpty {
                out += Polynomial.format(magnitude)
            } else if magnitude == 1 {
                out += factors.joined(separator: "*")
            } else {
                out += Polynomial.format(magnitude) + "*" + factors.joined(separator: "*")
            }
        }
        return out
    }

    /// Shortest text that reads back to the same Double.
    static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
