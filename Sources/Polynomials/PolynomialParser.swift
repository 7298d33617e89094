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
    /// Largest exponent and number of expanded terms the parser accepts.
    public static let maximumExponent = 64
    public static let maximumTerms = 200_000

    /// Parses `+ - * ^ ( )`, unary minus, decimal and scientific literals and
    /// variable names, and expands to canonical form:
    /// `(w1^2+w2^2)^2*w1^4`, `(w+1.6)*(w-1.6)^2`. Exponents are non-negative
    /// integer literals; `^` does not chain (`w^2^3` is refused: write
    /// `(w^2)^3`). Implicit multiplication (`2w`) is refused with a hint.
    public init(parsing text: String) throws(PolynomialParseError) {
        var parser = PolynomialParser(text)
        self = try parser.parseAll()
    }
}

/// Recursive-descent parser over the characters of the input.
struct PolynomialParser {
    enum Token: Equatable {
        case number(Double, String)
        case identifier(String)
        case symbol(Character)
        case end
    }

    let characters: [Character]
    var position = 0

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
        return p
    }

    // sum := product (('+' | '-') product)*
    mutating func parseSum() throws(PolynomialParseError) -> Polynomial {
        var value = try parseProduct()
        while true {
            let (token, _) = peek()
            guard case .symbol(let c) = token, c == "+" || c == "-" else { return value }
            advance()
            let rhs = try parseProduct()
            value = c == "+" ? value + rhs : value - rhs
            try checkSize(value)
        }
    }

    // product := unary ('*' unary)*
    mutating func parseProduct() throws(PolynomialParseError) -> Polynomial {
        var value = try parseUnary()
        while case (.symbol("*"), _) = peek() {
            advance()
            value = value * (try parseUnary())
            try checkSize(value)
        }
        return value
    }

    // unary := ('-' | '+') unary | power      (so -w^2 = -(w^2))
    mutating func parseUnary() throws(PolynomialParseError) -> Polynomial {
        let (token, _) = peek()
        if case .symbol("-") = token { advance(); return -(try parseUnary()) }
        if case .symbol("+") = token { advance(); return try parseUnary() }
        return try parsePower()
    }

    // power := primary ('^' integer)?
    mutating func parsePower() throws(PolynomialParseError) -> Polynomial {
        let base = try parsePrimary()
        guard case (.symbol("^"), _) = peek() else { return base }
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
            let result = base.power(Int(value))
            try checkSize(result)
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
        case .number(let value, _):
            advance()
            try refuseImplicitMultiplication()
            return Polynomial(constant: value)
        case .identifier(let name):
            advance()
            try refuseImplicitMultiplication()
            return Polynomial(variable: name)
        case .symbol("("):
            advance()
            let inner = try parseSum()
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

    func checkSize(_ p: Polynomial) throws(PolynomialParseError) {
        if p.terms.count > Polynomial.maximumTerms {
            throw PolynomialParseError(column: position + 1, offendingText: "", expected: "an expansion of at most \(Polynomial.maximumTerms) terms")
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
