// An explicit variable order that does not fit a polynomial.

/// A variable list that does not fit a polynomial: a variable of the
/// polynomial is missing from it, or a name is repeated.
public struct PolynomialVariableError: Error, Sendable, Hashable, CustomStringConvertible {
    public var variable: String
    public var problem: String

    public init(variable: String, problem: String) {
        self.variable = variable
        self.problem = problem
    }

    public var description: String { "variable '\(variable)' \(problem)" }

    /// Throws unless `variables` has distinct names covering `polynomial.variables`.
    static func check(_ polynomial: Polynomial, _ variables: [String]) throws(PolynomialVariableError) {
        var seen = Set<String>()
        for v in variables where !seen.insert(v).inserted {
            throw PolynomialVariableError(variable: v, problem: "appears twice in the variable list")
        }
        for v in polynomial.variables where !seen.contains(v) {
            throw PolynomialVariableError(variable: v,
                                          problem: "occurs in the polynomial but not in the variable list \(variables)")
        }
    }
}
