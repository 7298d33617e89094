import Testing
@testable import Polynomials

@Suite struct ParserTests {
    func parse(_ s: String) throws -> Polynomial { try Polynomial(parsing: s) }

    @Test func expandsAndPrintsCanonically() throws {
        #expect(try parse("(w+1)^2").description == "w^2 + 2*w + 1")
        #expect(try parse("(w1^2+w2^2)^2*w1^4").description == "w1^8 + 2*w1^6*w2^2 + w1^4*w2^4")
        // (w+a)(w−a)² = w³ − a w² − a² w + a³, a = 1.6, up to rounding.
        let cubic = try parse("(w+1.6)*(w-1.6)^2")
        for (term, exact) in zip(cubic.terms, [1, -1.6, -2.56, 4.096]) {
            #expect(abs(term.coefficient - exact) < 1e-12)
        }
        #expect(try parse("w10*w2 + w1").variables == ["w1", "w2", "w10"])
        #expect(try parse("w - w").isZero)
        #expect(try parse("0").description == "0")
    }

    @Test func roundTripsThroughItsDescription() throws {
        for text in ["(w1^2+w2^2)^2*w1^4", "(a*b+c*d)^2", "-3.5*w1 + 2e-3*w2^3 - 7", "(w1 - w2)^3*b3", "1.5e-7*x"] {
            let p = try parse(text)
            #expect(try parse(p.description) == p, "\(text) → \(p)")
        }
    }

    @Test func precedence() throws {
        #expect(try parse("-w^2") == -(try parse("w^2")))
        #expect(try parse("2*w^2").evaluate(["w": 3]) == 18)
        #expect(try parse("1 - 2 - 3").evaluate([:]) == -4)
        #expect(try parse("2*(w+1)^3").evaluate(["w": 1]) == 16)
        #expect(try parse("--w").evaluate(["w": 2]) == 2)
        #expect(try parse("2.5e2 + 1E-1").evaluate([:]) == 250.1)
        let binomial = try parse("(w1+w2)^3")
        #expect(binomial.terms.map(\.coefficient) == [1, 3, 3, 1])
    }

    func error(_ s: String) -> PolynomialParseError? {
        do { _ = try parse(s); return nil } catch let e as PolynomialParseError { return e } catch { return nil }
    }

    @Test func everyErrorNamesItsColumnAndText() {
        #expect(error("(w1^2+w2^2")?.description == "column 11: expected ')' to close '(' at column 1 (end of input)")
        #expect(error("(w1^2+w2^2 w1")?.column == 12)
        let implicit = error("2w")
        #expect(implicit?.column == 2 && implicit?.offendingText == "w")
        #expect(implicit?.hint?.contains("2*w") == true)
        #expect(error("(w)(w)")?.column == 4)
        #expect(error("w^2.5")?.description == "column 3: expected a non-negative integer exponent, got '2.5' (exponents must be whole numbers)")
        #expect(error("w^-1")?.hint == "negative exponents are not polynomials")
        #expect(error("w^2^3")?.column == 4)
        #expect(error("w^x")?.column == 3)
        #expect(error("w +")?.description == "column 4: expected a number, a variable or '(' (end of input)")
        #expect(error("")?.description == "column 1: expected a polynomial (end of input)")
        #expect(error("w1 $ w2")?.description == "column 4: expected a number, a variable, an operator or a parenthesis, got '$'")
        #expect(error("w)")?.hint == "unmatched ')'")
        #expect(error("1.2.3")?.column == 1)
        #expect(error("w^65")?.expected == "an exponent of at most 64")
    }
}

@Suite struct CompiledPolynomialTests {
    /// Central differences with h = 1e-6 on polynomials of moderate degree agree
    /// with the exact gradient to ~1e-9 relative; we assert 1e-6 as the issue asks.
    @Test func gradientAndHessianMatchFiniteDifferences() throws {
        let p = try Polynomial(parsing: "(w1^2+w2^2)^2*w1^4 + 3*w1*w2*w3 - w3^5 + 2")
        let c = p.compiled()
        var state: UInt64 = 12345
        func random() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        for _ in 0..<20 {
            let w = (0..<3).map { _ in random() }
            let (v, g) = c.valueAndGradient(w)
            #expect(abs(v - p.evaluate(Dictionary(uniqueKeysWithValues: zip(p.variables, w)))) < 1e-12)
            let h = 1e-6
            let hess = c.hessian(at: w)
            for j in 0..<3 {
                var plus = w, minus = w
                plus[j] += h; minus[j] -= h
                let fd = (c.value(plus) - c.value(minus)) / (2 * h)
                #expect(abs(fd - g[j]) <= 1e-6 * max(1, abs(g[j])), "∂\(j): \(fd) vs \(g[j])")
                let gp = c.valueAndGradient(plus).gradient, gm = c.valueAndGradient(minus).gradient
                for i in 0..<3 {
                    let fdh = (gp[i] - gm[i]) / (2 * h)
                    #expect(abs(fdh - hess[i][j]) <= 1e-6 * max(1, abs(hess[i][j])))
                }
            }
        }
    }

    @Test func compiledOverALargerVariableList() throws {
        let p = try Polynomial(parsing: "w2^2")
        let c = try p.compiled(variables: ["w1", "w2", "w3"])
        let (v, g) = c.valueAndGradient([5, 3, 7])
        #expect(v == 9 && g == [0, 6, 0])
    }

    @Test func shiftMovesTheCriticalPointToTheOrigin() throws {
        let p = try Polynomial(parsing: "(w+1.6)*(w-1.6)^2")
        let q = try p.shifted(to: ["w": 1.6])
        // q(u) = (u + 3.2) u^2: no constant or linear term.
        #expect(abs(q.constantTerm) < 1e-12)
        #expect(q.terms.allSatisfy { $0.degree >= 2 || abs($0.coefficient) < 1e-12 })
        #expect(abs(q.evaluate(["w": 0.3]) - p.evaluate(["w": 1.9])) < 1e-12)
    }
}
