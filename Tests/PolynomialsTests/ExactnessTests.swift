import Testing
@testable import Polynomials

/// Exact coefficients, canonical order and bounded work: the reproductions of
/// the "same seed, same numbers; hostile input gets exit 2" issue.
@Suite struct ExactnessTests {
    func parse(_ s: String) throws -> Polynomial { try Polynomial(parsing: s) }
    func error(_ s: String) -> PolynomialParseError? {
        do { _ = try parse(s); return nil } catch let e as PolynomialParseError { return e } catch { return nil }
    }

    @Test func expansionIsExactAndBitIdentical() throws {
        let a = try parse("(w+1.6)^4*(w-1.6)^6"), b = try parse("(w+1.6)^4*(w-1.6)^6")
        #expect(a == b)
        #expect(a.terms.map(\.coefficient.bitPattern) == b.terms.map(\.coefficient.bitPattern))
        // (w+a)^4 (w-a)^6 = (w²−a²)^4 (w−a)²: constant a^10, w^9 coefficient −2a, w coefficient −2a^9.
        #expect(a.terms.first { $0.degree == 0 }?.exact == ExactDecimal("109.9511627776"))
        #expect(a.terms.first { $0.degree == 9 }?.exact == ExactDecimal("-3.2"))
        #expect(a.terms.first { $0.degree == 1 }?.exact == ExactDecimal("-137.438953472"))
        // The Double is the correctly rounded exact value.
        #expect(a.terms.first { $0.degree == 0 }?.coefficient == 109.9511627776)
        #expect(a.description == "w^10 - 3.2*w^9 - 7.68*w^8 + 32.768*w^7 + 13.1072*w^6 - 125.82912*w^5 + 33.554432*w^4 + 214.7483648*w^3 - 128.84901888*w^2 - 137.438953472*w + 109.9511627776")
    }

    @Test func decimalLiteralsAreExact() throws {
        #expect(try parse("0.1+0.2-0.3").isZero)
        #expect(try parse("0.1*w^2+0.2*w^2-0.3*w^2+w^4") == (try parse("w^4")))
        #expect(try parse("1e308*1e308*w^2-1e308*1e308*w^2+w^4") == (try parse("w^4")))
        #expect(try parse("1e308*w").terms[0].coefficient == 1e308)
        #expect(try parse("1.6*w").terms[0].coefficient == 1.6)
        #expect(try parse("1e-400*w").terms[0].exact == ExactDecimal("1e-400"))
        // A coefficient beyond the Double range is refused, not turned into infinity.
        #expect(error("1e308*1e308*w")?.expected == "coefficients within the Double range (±1.8e308)")
        #expect(ExactDecimal("0.000120")?.description == "0.00012")
        #expect(ExactDecimal("-2.5e3")?.description == "-2500")
        #expect(ExactDecimal("1e308")?.description == "1e308")
        #expect(try ExactDecimal("0.1")!.adding(ExactDecimal("0.2")!) == ExactDecimal("0.3"))
        #expect(try ExactDecimal("123456789.123456789")!.multiplied(by: ExactDecimal("-1e-9")!) == ExactDecimal("-0.123456789123456789"))
        #expect(ExactDecimal("12.5")?.rational == Rational(25, 2))
    }

    @Test func shiftIsExact() throws {
        // (w+1.6)(w−1.6)² at w = 1.6 is (u + 3.2)u²: no constant or linear term at all.
        let q = try parse("(w+1.6)*(w-1.6)^2").shifted(to: ["w": 1.6])
        #expect(q == (try parse("w^3 + 3.2*w^2")))
        #expect(try parse("(w-1)^4+1e-11*(w-1)^2").shifted(to: ["w": 1]) == (try parse("w^4+1e-11*w^2")))
    }

    @Test func termOrderIsCanonical() throws {
        let p = try parse("w3 + 2*w1*w2 + w2^2 + 1 + w1^2 + w10")
        #expect(p.variables == ["w1", "w2", "w3", "w10"])
        for (x, y) in zip(p.terms, p.terms.dropFirst()) { #expect(Polynomial.termOrder(x, y)) }
        #expect(p == (try parse("1 + w10 + w1^2 + w2^2 + w3 + 2*w2*w1")))
        #expect(p.description == (try parse("w10 + w1^2 + 1 + w3 + 2*w2*w1 + w2^2")).description)
    }

    @Test func deepNestingIsAPositionedError() throws {
        let deep = String(repeating: "(", count: 7000) + "w" + String(repeating: ")", count: 7000)
        let e = error(deep)
        #expect(e?.column == Polynomial.maximumNesting + 1 && e?.offendingText == "(")
        let ok = String(repeating: "(", count: Polynomial.maximumNesting) + "w" + String(repeating: ")", count: Polynomial.maximumNesting)
        #expect(try parse(ok) == (try parse("w")))
        // Unary signs are counted, not recursed on.
        #expect(try parse(String(repeating: "-", count: 60_000) + "w") == (try parse("w")))
        #expect(try parse(String(repeating: "-", count: 60_001) + "w") == (try parse("-w")))
    }

    @Test func sizesArePredictedBeforeExpanding() throws {
        let nested = error("(((w^64)^64)^64)")
        #expect(nested?.column == 9 && nested?.hint?.contains("4096 exceeds the largest degree 1024") == true)
        let wide = error("(w1+w2+w3+w4+w5+w6+w7+w8+w9+w10)^64")
        #expect(wide?.column == 33 && wide?.hint?.contains("97082021465 terms") == true)
        #expect(Polynomial.binomial(73, 64) == 97_082_021_465)
        let p = try parse("1+w1+w2+w3")
        #expect(p.predictedPowerTermCount(12) == 455)
        #expect(try p.power(12).terms.count == 455)
        #expect(throws: PolynomialLimitError.self) { try Polynomial(variable: "w").power(2000) }
        // Digits of an exact sum are bounded too.
        #expect(error("1e-300^34 + 1")?.hint?.contains("decimal digits") == true)
    }

    @Test func parsingTenThousandTermsIsLinearithmic() throws {
        var parts: [String] = []
        outer: for a in 0..<22 { for b in 0..<22 { for c in 0..<22 {
            parts.append("\(a + 1)*w1^\(a)*w2^\(b)*w3^\(c)")
            if parts.count == 10_000 { break outer }
        } } }
        let p = try parse(parts.joined(separator: " + "))
        #expect(p.terms.count == 10_000)
        #expect(p.degree == 19 + 21 + 21)
        // The same terms in reverse order give the same polynomial.
        #expect(try parse(parts.reversed().joined(separator: " + ")) == p)
    }
}
