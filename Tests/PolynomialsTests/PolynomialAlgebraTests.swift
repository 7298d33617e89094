import Testing
@testable import Polynomials

@Suite("Polynomial algebra and calculus")
struct PolynomialAlgebraTests {
    func parse(_ s: String) throws -> Polynomial { try Polynomial(parsing: s) }

    @Test func naturalVariableOrder() {
        let names = ["w10", "w2", "b", "w1", "a", "w", "w_1", "b3"]
        #expect(names.sorted(by: Polynomial.naturalOrder) == ["a", "b", "b3", "w", "w1", "w2", "w10", "w_1"])
    }

    @Test func termOrderIsGradedLexicographic() throws {
        let p = try parse("1 + w2 + w1 + w2^2 + w1*w2 + w1^2")
        #expect(p.terms.map(\.exponents) == [[2, 0], [1, 1], [0, 2], [1, 0], [0, 1], [0, 0]])
        #expect(p.description == "w1^2 + w1*w2 + w2^2 + w1 + w2 + 1")
    }

    @Test func ringOperations() throws {
        let a = try parse("w1 + 2"), b = try parse("w2 - w1")
        #expect(a + b == (try parse("w2 + 2")))
        #expect(a * b == (try parse("w1*w2 - w1^2 + 2*w2 - 2*w1")))
        #expect(a - a == .zero)
        #expect((a + b).variables == ["w2"])
        #expect(a.power(3) == a * a * a)
        #expect(2.0 * a == (try parse("2*w1 + 4")))
        #expect(Polynomial.zero.degree == 0)
        #expect(try parse("w1^2*w2^4 - 3.5*w1").degree == 6)
        #expect(try parse("w1^2*w2^4 - 3.5*w1").degree(in: "w1") == 2)
    }

    @Test func derivatives() throws {
        let p = try parse("w1^2*w2^4 - 3.5*w1 + 1")
        #expect(p.derivative(withRespectTo: "w1") == (try parse("2*w1*w2^4 - 3.5")))
        #expect(p.derivative(withRespectTo: "w2") == (try parse("4*w1^2*w2^3")))
        #expect(p.derivative(withRespectTo: "z").isZero)
    }

    @Test func substitutionAndEvaluation() throws {
        let p = try parse("w1^2*w2^4 - 3.5*w1 + 1")
        #expect(p.substituting(["w2": 2]) == (try parse("16*w1^2 - 3.5*w1 + 1")))
        #expect(p.substituting(["w1": 1, "w2": 1]) == Polynomial(-1.5))
        #expect(p.evaluate(["w1": 1]) == nil)
        #expect(p.evaluate(["w1": 2, "w2": 1]) == -2.0)
    }

    @Test func shiftMovesTheOriginToThePoint() throws {
        // (w − 1)²(w + 1) at w = 1 + u is u²(u + 2).
        let p = try parse("(w-1)^2*(w+1)")
        #expect(p.shifted(to: ["w": 1]) == (try parse("w^3 + 2*w^2")))
        // The seed potential (w1²+w2²)² w1² on the line w1 = 0: at (0, 1) the leading part is 1·w1².
        let q = try parse("(w1^2+w2^2)^2*w1^2").shifted(to: ["w1": 0, "w2": 1])
        #expect(q.terms.last?.exponents == [2, 0])
        #expect(q.terms.last?.coefficient == 1)
        let r = try parse("(w1 + 2*w2 - w3)^3 * w3 + w1*w2*w3")
        let star = ["w1": 0.5, "w2": -1.25, "w3": 2.0]
        let shifted = r.shifted(to: star)
        for x in [[0.1, 0.2, -0.3], [1.0, -2.0, 0.5]] {
            let u = Dictionary(uniqueKeysWithValues: zip(["w1", "w2", "w3"], x))
            let w = u.merging(star) { $0 + $1 }
            let expected = r.evaluate(w)!
            #expect(abs(shifted.evaluate(u)! - expected) <= 1e-12 * max(1, abs(expected)))
        }
    }

    @Test func restrictionToFaces() throws {
        let p = try parse("w1^4 + w1^2*w2^2 + w2^4 + w1*w2^5")
        // Terms: w1^4, w1^2*w2^2, w2^4 (degree 4) come after w1*w2^5 (degree 6).
        #expect(p.restricted(to: [1, 2, 3]) == (try parse("w1^4 + w1^2*w2^2 + w2^4")))
        #expect(p.restricted(to: [0, 99]) == (try parse("w1*w2^5")))
        #expect(p.exponents(over: ["w2", "z", "w1"])?.first == [5, 0, 1])
        #expect(p.exponents(over: ["w1"]) == nil)
    }
}
