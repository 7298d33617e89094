import Testing
@testable import Polynomials

@Suite("Polynomial parser")
struct PolynomialParserTests {
    func parse(_ s: String) throws -> Polynomial { try Polynomial(parsing: s) }

    func error(_ s: String) -> PolynomialParseError? {
        do { _ = try Polynomial(parsing: s); return nil } catch { return error }
    }

    @Test func printsCanonicalForm() throws {
        #expect(try parse("1 - 3.5*w1 + w2^4*w1^2").description == "w1^2*w2^4 - 3.5*w1 + 1")
        #expect(try parse("(w1^2+w2^2)^2*w1^4").description == "w1^8 + 2*w1^6*w2^2 + w1^4*w2^4")
        #expect(try parse("w10 + w2 + w1").variables == ["w1", "w2", "w10"])
        #expect(try parse("-w").description == "-w")
        #expect(try parse("0*w").description == "0")
        #expect(try parse("w - w").isZero)
    }

    @Test(arguments: [
        "(w1^2+w2^2)^2*w1^4", "(w+1.6)*(w-1.6)^2", "w1^2*w2^4 - 3.5*w1 + 1",
        "2e-3*a*b3 - 1.25e10*b3^2 + 0.1", "(a*b + c*d)^2", "-(w1 - w2)^4 + 7",
        "1e-300*x + 1e300*y", "0.3*w + 0.7",
    ])
    func roundTrips(_ text: String) throws {
        let p = try parse(text)
        let q = try parse(p.description)
        #expect(p == q)
        #expect(q.description == p.description)
    }

    @Test func precedence() throws {
        #expect(try parse("-w^2") == -(try parse("w*w")))
        #expect(try parse("-w^2").evaluate(["w": 3]) == -9)
        #expect(try parse("2*w^3").evaluate(["w": 2]) == 16)
        #expect(try parse("1 - 2*3 + 4").evaluate([:]) == -1)
        #expect(try parse("2*-w").description == "-2*w")
        #expect(try parse("--w") == parse("w"))
        #expect(try parse("(w+1)^0") == Polynomial.one)
        #expect(try parse("w1 - w2 - w3").evaluate(["w1": 1, "w2": 2, "w3": 3]) == -4)
    }

    @Test func scientificLiterals() throws {
        #expect(try parse("2e-3*w").terms[0].coefficient == 0.002)
        #expect(try parse("1.5E+2").constantTerm == 150)
        #expect(try parse(".5*w").terms[0].coefficient == 0.5)
        #expect(try parse("3e2*w1e3").description == "300*w1e3")
    }

    @Test func expansionIdentities() throws {
        #expect(try parse("(w+1)^2") == parse("w^2 + 2*w + 1"))
        let cube = try parse("(w1+w2)^3")
        #expect(cube.terms.map(\.coefficient) == [1, 3, 3, 1])
        #expect(cube.terms.map(\.exponents) == [[3, 0], [2, 1], [1, 2], [0, 3]])
        let p = try parse("(w+1.6)*(w-1.6)^2")
        #expect(p.degree == 3)
        for w in [-2.0, 0.3, 1.6, 5.0] {
            let direct = (w + 1.6) * (w - 1.6) * (w - 1.6)
            #expect(abs(p.evaluate(["w": w])! - direct) <= 1e-12 * max(1, abs(direct)))
        }
    }

    @Test func missingCloseParenthesis() throws {
        let e = try #require(error("(w1+w2^2"))
        #expect(e.column == 9)
        #expect(e.offendingText == "")
        #expect(e.description == "column 9: expected ')' to close '(' at column 1")
        #expect(error("w*(a+(b)")?.description == "column 9: expected ')' to close '(' at column 3")
    }

    @Test func unmatchedCloseParenthesis() {
        #expect(error("w+1)")?.description
            == "column 4: expected an operator (+ - * ^) or the end of the input, found ')' (no '(' matches this ')')")
    }

    @Test func implicitMultiplicationIsRefused() {
        let e = error("2w")
        #expect(e?.column == 2)
        #expect(e?.offendingText == "w")
        #expect(e?.description == "column 2: expected an operator (+ - * ^), ')' or the end of the input, found 'w' (implicit multiplication is not allowed: write 2*w)")
        #expect(error("w1 w2")?.column == 4)
        #expect(error("w1 w2")?.hint == "implicit multiplication is not allowed: write w1*w2")
        #expect(error("(w)(w)")?.column == 4)
        #expect(error("(w)(w)")?.hint == "implicit multiplication is not allowed: write (…)*(…)")
        #expect(error("3 (w+1)")?.hint == "implicit multiplication is not allowed: write 3*(…)")
    }

    @Test func badExponents() {
        let fractional = error("w^1.5")
        #expect(fractional?.column == 3)
        #expect(fractional?.offendingText == "1.5")
        #expect(fractional?.expected == "a non-negative integer exponent after '^' at column 2")
        #expect(fractional?.hint?.contains("whole numbers") == true)
        let negative = error("w1*w2^-2")
        #expect(negative?.column == 7)
        #expect(negative?.description == "column 7: expected a non-negative integer exponent after '^' at column 6, found '-' (negative exponents are not polynomials)")
        #expect(error("w^x")?.column == 3)
        #expect(error("w^")?.description == "column 3: expected a non-negative integer exponent after '^' at column 2")
        #expect(error("w^2000")?.column == 3)
        let chained = error("w^2^3")
        #expect(chained?.column == 4)
        #expect(chained?.hint == "a chained power is ambiguous: write (a^b)^c with parentheses")
    }

    @Test func emptyInputAndUnknownCharacters() {
        #expect(error("")?.description == "column 1: expected a polynomial expression (the input is empty)")
        #expect(error("   ")?.column == 1)
        let e = error("w1 + w2 % 3")
        #expect(e?.column == 9)
        #expect(e?.offendingText == "%")
        #expect(e?.description == "column 9: expected a number, a variable, an operator (+ - * ^) or a parenthesis, found '%'")
        #expect(error("1.2.3*w")?.offendingText == "1.2.3")
        #expect(error("w**2")?.hint == "write ^ for powers: w^2")
        #expect(error("w + 1e999")?.column == 5)
    }

    @Test func trailingAndMisplacedOperators() {
        #expect(error("w+")?.description == "column 3: expected a number, a variable or '(' after '+' at column 2")
        #expect(error("w1*")?.description == "column 4: expected a number, a variable or '(' after '*' at column 3")
        #expect(error("w + * 2")?.description == "column 5: expected a number, a variable or '(' after '+' at column 3, found '*'")
        #expect(error("()")?.description == "column 2: expected a number, a variable or '(', found ')'")
        #expect(error("*w")?.column == 1)
    }
}
