// Recursive-descent parser for polynomial expressions.
//
// Grammar (whitespace between tokens is ignored):
//   sum     := term (('+' | '-') term)*
//   term    := unary ('*' unary)*
//   unary   := ('-' | '+') unary | power
//   power   := primary ('^' integer)?
//   primary := number | identifier | '(' sum ')'
// so `-w^2` is −(w²) and `2*w^3` is 2·(w³). A chained power `w^2^3` is
// refused as ambiguous; exponents are non-negative integer literals.
// Juxtaposition (`2w`, `w1 w2`, `(w)(w)`) is refused: write `*`.

extension Polynomial {
    /// The largest exponent the parser accepts after `^`.
    public static let maximumParsedExponent = 1000

    /// Parses `text`, e.g. `(w1^2+w2^2)^2*w1^4` or `(w+1.6)*(w-1.6)^2`, and
    /// expands it to canonical form.
    /// - Throws: ``PolynomialParseError`` naming the column, the offending
    ///   text and what was expected.
    public init(parsing text: String) throws(PolynomialParseError) {
        var parser = PolynomialParser(try PolynomialLexer.tokens(of: text))
        self = try parser.parse()
    }
}

struct PolynomialToken {
    enum Kind: Equatable { case number(Double), identifier, plus, minus, star, caret, open, close, end }
    var kind: Kind
    var text: String
    var column: Int
}

enum PolynomialLexer {
    static func tokens(of text: String) throws(PolynomialParseError) -> [PolynomialToken] {
        let chars = Array(text)
        var tokens: [PolynomialToken] = []
        var i = 0
        func isIdentifierStart(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c == "_") }
        func isIdentifierPart(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        while i < chars.count {
            let c = chars[i], column = i + 1
            if c.isWhitespace { i += 1; continue }
            let single: PolynomialToken.Kind? = switch c {
            case "+": .plus
            case "-": .minus
            case "*": .star
            case "^": .caret
            case "(": .open
            case ")": .close
            default: nil
            }
            if let single {
                tokens.append(PolynomialToken(kind: single, text: String(c), column: column))
                i += 1
            } else if isIdentifierStart(c) {
                var j = i
                while j < chars.count, isIdentifierPart(chars[j]) { j += 1 }
                tokens.append(PolynomialToken(kind: .identifier, text: String(chars[i..<j]), column: column))
                i = j
            } else if isDigit(c) || c == "." {
                var j = i
                while j < chars.count, isDigit(chars[j]) || chars[j] == "." { j += 1 }
                // Scientific exponent, only if digits follow `e`, `e+` or `e-`.
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                    if k < chars.count, isDigit(chars[k]) {
                        while k < chars.count, isDigit(chars[k]) { k += 1 }
                        j = k
                    }
                }
                let literal = String(chars[i..<j])
                let mantissa = literal.prefix { $0 != "e" && $0 != "E" }
                guard mantissa.filter({ $0 == "." }).count <= 1, mantissa.contains(where: isDigit),
                      let value = Double(literal) else {
                    throw PolynomialParseError(column: column, offendingText: literal,
                                               expected: "a number such as 1.6, 2 or 2e-3")
                }
                guard value.isFinite else {
                    throw PolynomialParseError(column: column, offendingText: literal,
                                               expected: "a finite number", hint: "the literal overflows a Double")
                }
                tokens.append(PolynomialToken(kind: .number(value), text: literal, column: column))
                i = j
            } else {
                throw PolynomialParseError(
                    column: column, offendingText: String(c),
                    expected: "a number, a variable, an operator (+ - * ^) or a parenthesis")
            }
        }
        tokens.append(PolynomialToken(kind: .end, text: "", column: chars.count + 1))
        return tokens
    }
}

struct PolynomialParser {
    let tokens: [PolynomialToken]
    var position = 0

    init(_ tokens: [PolynomialToken]) { self.tokens = tokens }

    var current: PolynomialToken { tokens[position] }

    mutating func parse() throws(PolynomialParseError) -> Polynomial {
        if current.kind == .end {
            throw PolynomialParseError(column: 1, offendingText: "", expected: "a polynomial expression",
                                       hint: "the input is empty")
        }
        let result = try parseSum()
        if current.kind == .close {
            throw PolynomialParseError(column: current.column, offendingText: ")",
                                       expected: "an operator (+ - * ^) or the end of the input",
                                       hint: "no '(' matches this ')'")
        }
        return result
    }

    mutating func parseSum() throws(PolynomialParseError) -> Polynomial {
        var result = try parseTerm(after: nil)
        while current.kind == .plus || current.kind == .minus {
            let op = current
            position += 1
            let rhs = try parseTerm(after: op)
            result = op.kind == .plus ? result + rhs : result - rhs
        }
        return result
    }

    mutating func parseTerm(after op: PolynomialToken?) throws(PolynomialParseError) -> Polynomial {
        var result = try parseUnary(after: op)
        try refuseJuxtaposition()
        while current.kind == .star {
            let star = current
            position += 1
            if current.kind == .star {
                throw PolynomialParseError(column: current.column, offendingText: "*",
                                           expected: "a number, a variable or '(' after '*' at column \(star.column)",
                                           hint: "write ^ for powers: w^2")
            }
            result = result * (try parseUnary(after: star))
            try refuseJuxtaposition()
        }
        return result
    }

    /// A factor directly followed by a number, a variable or '(' is implicit
    /// multiplication, which the syntax refuses.
    func refuseJuxtaposition() throws(PolynomialParseError) {
        switch current.kind {
        case .number, .identifier, .open:
            let previous = tokens[position - 1]
            let left = previous.kind == .close ? "(…)" : previous.text
            let right = current.kind == .open ? "(…)" : current.text
            throw PolynomialParseError(column: current.column, offendingText: current.text,
                                       expected: "an operator (+ - * ^), ')' or the end of the input",
                                       hint: "implicit multiplication is not allowed: write \(left)*\(right)")
        default:
            return
        }
    }

    mutating func parseUnary(after op: PolynomialToken?) throws(PolynomialParseError) -> Polynomial {
        switch current.kind {
        case .minus:
            let minus = current
            position += 1
            return -(try parseUnary(after: minus))
        case .plus:
            let plus = current
            position += 1
            return try parseUnary(after: plus)
        default:
            return try parsePower(after: op)
        }
    }

    mutating func parsePower(after op: PolynomialToken?) throws(PolynomialParseError) -> Polynomial {
        let base = try parsePrimary(after: op)
        guard current.kind == .caret else { return base }
        let caret = current
        position += 1
        let token = current
        let expected = "a non-negative integer exponent after '^' at column \(caret.column)"
        switch token.kind {
        case .number:
            guard token.text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw PolynomialParseError(column: token.column, offendingText: token.text, expected: expected,
                                           hint: "exponents are whole numbers written without '.' or 'e'; non-integer powers are not polynomials")
            }
            guard let n = Int(token.text), n <= Polynomial.maximumParsedExponent else {
                throw PolynomialParseError(column: token.column, offendingText: token.text, expected: expected,
                                           hint: "exponents above \(Polynomial.maximumParsedExponent) are refused")
            }
            position += 1
            if current.kind == .caret {
                throw PolynomialParseError(column: current.column, offendingText: "^",
                                           expected: "an operator (+ - *), ')' or the end of the input",
                                           hint: "a chained power is ambiguous: write (a^b)^c with parentheses")
            }
            return base.power(n)
        case .minus:
            throw PolynomialParseError(column: token.column, offendingText: "-", expected: expected,
                                       hint: "negative exponents are not polynomials")
        case .end:
            throw PolynomialParseError(column: token.column, offendingText: "", expected: expected)
        default:
            throw PolynomialParseError(column: token.column, offendingText: token.text, expected: expected,
                                       hint: "the exponent must be an integer literal, e.g. w^2")
        }
    }

    mutating func parsePrimary(after op: PolynomialToken?) throws(PolynomialParseError) -> Polynomial {
        let token = current
        switch token.kind {
        case .number(let value):
            position += 1
            return Polynomial(value)
        case .identifier:
            position += 1
            return Polynomial(variable: token.text)
        case .open:
            position += 1
            let inner = try parseSum()
            guard current.kind == .close else {
                throw PolynomialParseError(column: current.column, offendingText: current.text,
                                           expected: "')' to close '(' at column \(token.column)")
            }
            position += 1
            return inner
        default:
            var expected = "a number, a variable or '('"
            if let op { expected += " after '\(op.text)' at column \(op.column)" }
            throw PolynomialParseError(column: token.column, offendingText: token.text, expected: expected)
        }
    }
}
