/// A parse error with its 1-based column, the text found there and what was expected.
public struct PolynomialParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var column: Int
    public var offendingText: String
    public var expected: String
    public var hint: String?

    public var description: String {
        var s = "column \(column): expected \(expected)"
        s += offendingText.isEmpty ? " (end of input)" : ", got '\(offendingText)'"
        if let hint { s += " (\(hint))" }
        return s
    }
}

extension Polynomial {
    /// Largest exponent literal, number of expanded terms and depth of nested
    /// parentheses (and of unary signs before one operand) the parser accepts.
    public static let maximumExponent = 64
    public static let maximumTerms = 200_000
    public static let maximumNesting = 100

    /// Parses `+ - * ^ ( )`, unary minus, decimal and scientific literals and
    /// variable names, and expands to canonical form:
    /// `(w1^2+w2^2)^2*w1^4`, `(w+1.6)*(w-1.6)^2`. Literals are exact decimals
    /// (`0.1+0.2-0.3` is 0). Exponents are non-negative integer literals; `^`
    /// does not chain (`w^2^3` is refused: write `(w^2)^3`). Implicit
    /// multiplication (`2w`) is refused with a hint. Sizes are checked before
    /// each expansion (`maximumDegree`, `maximumTerms`, `maximumTermProducts`);
    /// parentheses nest at most `maximumNesting` deep. Every failure is a
    /// thrown error with its column.
    public init(parsing text: String) throws(PolynomialParseError) {
        var parser = PolynomialParser(text)
        self = try parser.parseAll()
    }
}

/// Recursive-descent parser over the characters of the input. Recursion
/// happens only at '(' and is bounded by `Polynomial.maximumNesting`; unary
/// signs are counted in a loop. Sums are merged once per parenthesis level,
/// so parsing n terms costs O(n log n).
struct PolynomialParser {
    enum Token: Equatable {
        case number(Double, String)
        case identifier(String)
        case symbol(Character)
        case end
    }

    let characters: [Character]
    var position = 0
    var depth = 0

    init(_ text: String) { characters = Array(text) }

    mutating func parseAll() throws(PolynomialParseError) -> Polynomial {
        // Lex everything once first, so an unknown character is reported as such.
        var scan = self
        while try scan.lex() != .end {}
        skipSpace()
        if position == characters.count {
            throw PolynomialParseError(column: 1, offendingText: "", expected: "a polynomial")
        }
        let p = try parseSum()
        let (token, column) = peek()
        if token != .end {
            if case .symbol(")") = token {
                throw PolynomialParseError(column: column, offendingText: ")", expected: "an operator or the end", hint: "unmatched ')'")
            }
            throw implicitOrUnexpected(token, column: column)
        }
        for t in p.terms where !t.coefficient.isFinite {
            throw PolynomialParseError(column: 1, offendingText: "", expected: "coefficients within the Double range (±1.8e308)",
                                       hint: "the expanded polynomial has the coefficient \(t.exact) on \(Polynomial.monomialText(t, p.variables))")
        }
        return p
    }

    /// The parse error for a size limit hit by the operator at `column`.
    func limit(_ error: PolynomialLimitError, column: Int, operator op: String) -> PolynomialParseError {
        PolynomialParseError(column: column, offendingText: op, expected: "an expansion within the size limits", hint: error.reason)
    }

    // sum := product (('+' | '-') product)*
    mutating func parseSum() throws(PolynomialParseError) -> Polynomial {
        var parts = [try parseProduct()]
        var pending = parts[0].terms.count
        var lastColumn = 1
        while true {
            let (token, column) = peek()
            guard case .symbol(let c) = token, c == "+" || c == "-" else { break }
            advance()
            lastColumn = column
            let rhs = try parseProduct()
            parts.append(c == "+" ? rhs : -rhs)
            pending += rhs.terms.count
            if pending > 2 * Polynomial.maximumTerms {
                // Merge now, so the buffer stays bounded; the total is still O(n log n).
                parts = [try merge(parts, column: column)]
                pending = parts[0].terms.count
            }
        }
        return parts.count == 1 ? parts[0] : try merge(parts, column: lastColumn)
    }

    func merge(_ parts: [Polynomial], column: Int) throws(PolynomialParseError) -> Polynomial {
        let value: Polynomial
        do { value = try Polynomial.sum(parts) } catch { throw limit(error, column: column, operator: "+") }
        try checkSize(value, column: column)
        return value
    }

    // product := unary ('*' unary)*
    mutating func parseProduct() throws(PolynomialParseError) -> Polynomial {
        var value = try parseUnary()
        while case (.symbol("*"), let column) = peek() {
            advance()
            let rhs = try parseUnary()
            do { value = try value * rhs } catch { throw limit(error, column: column, operator: "*") }
            try checkSize(value, column: column)
        }
        return value
    }

    // unary := ('-' | '+')* power      (so -w^2 = -(w^2))
    mutating func parseUnary() throws(PolynomialParseError) -> Polynomial {
        var negative = false
        while true {
            let (token, _) = peek()
            if case .symbol("-") = token { advance(); negative.toggle(); continue }
            if case .symbol("+") = token { advance(); continue }
            break
        }
        let value = try parsePower()
        return negative ? -value : value
    }

    // power := primary ('^' integer)?
    mutating func parsePower() throws(PolynomialParseError) -> Polynomial {
        let base = try parsePrimary()
        guard case (.symbol("^"), let caret) = peek() else { return base }
        advance()
        let (token, column) = peek()
        switch token {
        case .number(let value, let text):
            guard value == value.rounded(), !text.contains("."), !text.lowercased().contains("e") else {
                throw PolynomialParseError(column: column, offendingText: text, expected: "a non-negative integer exponent", hint: "exponents must be whole numbers")
            }
            guard value <= Double(Polynomial.maximumExponent) else {
                throw PolynomialParseError(column: column, offendingText: text, expected: "an exponent of at most \(Polynomial.maximumExponent)")
            }
            advance()
            if case (.symbol("^"), let c2) = peek() {
                throw PolynomialParseError(column: c2, offendingText: "^", expected: "an operator or the end", hint: "'^' does not chain: write (w^a)^b")
            }
            let result: Polynomial
            do { result = try base.power(Int(value)) } catch { throw limit(error, column: caret, operator: "^") }
            try checkSize(result, column: caret)
            return result
        case .symbol("-"):
            throw PolynomialParseError(column: column, offendingText: "-", expected: "a non-negative integer exponent", hint: "negative exponents are not polynomials")
        case .end:
            throw PolynomialParseError(column: column, offendingText: "", expected: "an exponent after '^'")
        default:
            throw PolynomialParseError(column: column, offendingText: text(of: token), expected: "an integer literal exponent", hint: "exponents must be literal whole numbers")
        }
    }

    // primary := number | identifier | '(' sum ')'
    mutating func parsePrimary() throws(PolynomialParseError) -> Polynomial {
        let (token, column) = peek()
        switch token {
        case .number(_, let text):
            guard let exact = ExactDecimal(text) else {
                throw PolynomialParseError(column: column, offendingText: text, expected: "a number with at most \(ExactDecimal.maximumDigits) significant digits")
            }
            advance()
            try refuseImplicitMultiplication()
            return Polynomial(constant: exact)
        case .identifier(let name):
            advance()
            try refuseImplicitMultiplication()
            return Polynomial(variable: name)
        case .symbol("("):
            guard depth < Polynomial.maximumNesting else {
                throw PolynomialParseError(column: column, offendingText: "(", expected: "at most \(Polynomial.maximumNesting) nested parentheses",
                                           hint: "expand or simplify the expression")
            }
            advance()
            depth += 1
            let inner = try parseSum()
            depth -= 1
            let (closing, closeColumn) = peek()
            guard case .symbol(")") = closing else {
                if closing == .end {
                    throw PolynomialParseError(column: closeColumn, offendingText: "", expected: "')' to close '(' at column \(column)")
                }
                throw implicitOrUnexpected(closing, column: closeColumn, closing: column)
            }
            advance()
            try refuseImplicitMultiplication()
            return inner
        case .end:
            throw PolynomialParseError(column: column, offendingText: "", expected: "a number, a variable or '('")
        default:
            throw PolynomialParseError(column: column, offendingText: text(of: token), expected: "a number, a variable or '('")
        }
    }

    /// After a complete operand, another operand means implicit multiplication.
    mutating func refuseImplicitMultiplication() throws(PolynomialParseError) {
        let (token, column) = peek()
        switch token {
        case .number, .identifier, .symbol("("):
            throw implicitOrUnexpected(token, column: column)
        default:
            return
        }
    }

    func implicitOrUnexpected(_ token: Token, column: Int, closing: Int? = nil) -> PolynomialParseError {
        let expected = closing.map { "an operator or ')' to close '(' at column \($0)" } ?? "an operator or the end"
        switch token {
        case .number, .identifier, .symbol("("):
            return PolynomialParseError(column: column, offendingText: text(of: token), expected: "an operator", hint: "implicit multiplication is not allowed: write '*' explicitly, e.g. 2*w")
        default:
            return PolynomialParseError(column: column, offendingText: text(of: token), expected: expected)
        }
    }

    func checkSize(_ p: Polynomial, column: Int) throws(PolynomialParseError) {
        if p.terms.count > Polynomial.maximumTerms {
            throw PolynomialParseError(column: column, offendingText: "", expected: "an expansion of at most \(Polynomial.maximumTerms) terms",
                                       hint: "it has \(p.terms.count)")
        }
    }

    func text(of token: Token) -> String {
        switch token {
        case .number(_, let t): return t
        case .identifier(let n): return n
        case .symbol(let c): return String(c)
        case .end: return ""
        }
    }

    // MARK: Lexing

    mutating func skipSpace() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    mutating func advance() {
        _ = try? lex()
    }

    /// The next token and its 1-based column, without consuming it.
    func peek() -> (Token, Int) {
        var copy = self
        copy.skipSpace()
        let column = copy.position + 1
        do {
            return (try copy.lex(), column)
        } catch {
            return (.symbol(copy.characters[min(copy.position, copy.characters.count - 1)]), column)
        }
    }

    /// Consumes one token (skipping spaces first). Unknown characters throw.
    mutating func lex() throws(PolynomialParseError) -> Token {
        skipSpace()
        guard position < characters.count else { return .end }
        let c = characters[position]
        let start = position
        if c.isLetter || c == "_" {
            while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
                position += 1
            }
            return .identifier(String(characters[start..<position]))
        }
        if c.isNumber || c == "." {
            while position < characters.count, characters[position].isNumber || characters[position] == "." { position += 1 }
            if position < characters.count, characters[position] == "e" || characters[position] == "E" {
                var look = position + 1
                if look < characters.count, characters[look] == "+" || characters[look] == "-" { look += 1 }
                if look < characters.count, characters[look].isNumber {
                    position = look
                    while position < characters.count, characters[position].isNumber { position += 1 }
                }
            }
            let text = String(characters[start..<position])
            guard let value = Double(text), value.isFinite else {
                throw PolynomialParseError(column: start + 1, offendingText: text, expected: "a number")
            }
            return .number(value, text)
        }
        if "+-*^()".contains(c) {
            position += 1
            return .symbol(c)
        }
        throw PolynomialParseError(column: start + 1, offendingText: String(c), expected: "a number, a variable, an operator or a parenthesis")
    }
}
