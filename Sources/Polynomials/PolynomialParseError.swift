// Positioned errors of the polynomial parser.

/// A syntax error in a polynomial expression, with its 1-based column.
///
/// `description` reads `column 9: expected ')' to close '(' at column 1`, or
/// `column 2: expected an operator (+, -, *, ^) or the end, found 'w'
/// (implicit multiplication is not allowed: write 2*w)`.
public struct PolynomialParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based column (in characters) where the problem starts.
    public var column: Int
    /// The text found there; empty at the end of the input.
    public var offendingText: String
    /// What the parser expected at that column.
    public var expected: String
    /// Advice on how to write it instead, if any.
    public var hint: String?

    public init(column: Int, offendingText: String, expected: String, hint: String? = nil) {
        self.column = column
        self.offendingText = offendingText
        self.expected = expected
        self.hint = hint
    }

    public var description: String {
        var text = "column \(column): expected \(expected)"
        if !offendingText.isEmpty { text += ", found '\(offendingText)'" }
        if let hint { text += " (\(hint))" }
        return text
    }
}
