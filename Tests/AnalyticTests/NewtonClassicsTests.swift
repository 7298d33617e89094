import Testing
@testable import Analytic
import Polynomials

/// The primer's classics through the polynomial adapter (geometry from
/// `Polynomials.NewtonPolyhedron`, decision from `NewtonPolyhedronMethod`).
@Suite struct NewtonClassicsTests {
    func potential(_ k: String, at point: [String: Double] = [:], h: [Int]? = nil) throws -> LearningCoefficient {
        try NewtonPolyhedronMethod.potential(try Polynomial(parsing: k), at: point, priorExponents: h)
    }
    func regression(_ q: String, at point: [String: Double] = [:]) throws -> LearningCoefficient {
        try NewtonPolyhedronMethod.regressionOutput(try Polynomial(parsing: q), at: point)
    }

    @Test(arguments: 1...5) func evenPowerInOneVariable(k: Int) throws {
        // w^(2k): λ = 1/(2k), m = 1.
        let c = try potential("w^\(2 * k)")
        #expect(c.lambda == Rational(1, 2 * k) && c.multiplicity == 1)
    }

    @Test(arguments: 1...4) func powerOfSumOfSquares(k: Int) throws {
        // (w1² + w2²)^k: λ = 1/k, m = 1 (Newton: edge α1 + α2 = 2k, t = k).
        let c = try potential("(w1^2 + w2^2)^\(k)")
        #expect(c.lambda == Rational(1, k) && c.multiplicity == 1)
        #expect(c.method.contains("Newton polyhedron"))
    }

    @Test func monomials() throws {
        let a = try potential("w1^2*w2^4")
        #expect(a.lambda == Rational(1, 4) && a.multiplicity == 1 && a.method.contains("normal crossing"))
        let b = try potential("w1^4*w2^4")
        #expect(b.lambda == Rational(1, 4) && b.multiplicity == 2)
        // Prior |w1|^1: (1+1)/2 = 1 vs 1/4 → still 1/4 from w2, m = 1.
        let c = try potential("w1^2*w2^4", h: [1, 0])
        #expect(c.lambda == Rational(1, 4) && c.multiplicity == 1)
    }

    @Test func cuspRegression() throws {
        // Q = w1² ± w2³: K ∝ Q², λ = 5/12 (cusp lct 5/6, halved), m = 1.
        for q in ["w1^2 + w2^3", "w1^2 - w2^3"] {
            let c = try regression(q)
            #expect(c.lambda == Rational(5, 12) && c.multiplicity == 1, "\(q)")
        }
    }

    @Test func regressionClassics() throws {
        // Q = w1·w2: K ∝ w1²w2², λ = 1/2, m = 2.
        let c = try regression("w1*w2")
        #expect(c.lambda == Rational(1, 2) && c.multiplicity == 2)
        // Q = w1 + w2²: a smooth zero set, λ = 1/2, m = 1.
        let s = try regression("w1 + w2^2")
        #expect(s.lambda == Rational(1, 2) && s.multiplicity == 1)
        // Q = w^k: λ = 1/(2k).
        #expect(try regression("w^3").lambda == Rational(1, 6))
    }

    @Test func primerOtherClassics() throws {
        // a²(b² + c²): 1/2 (the hit (2,2,2) is on the non-compact face {α_a = 2}, m = 1).
        let k = try potential("a^2*(b^2 + c^2)")
        #expect(k.lambda == Rational(1, 2) && k.multiplicity == 1)
        // (ab + cd)² as a regression output Q = ab + cd: 1/2, m = 1 (RRR M=N=1, H=2, r=0).
        let q = try regression("a*b + c*d")
        #expect(q.lambda == Rational(1, 2) && q.multiplicity == 1)
        // The same K given as a potential is degenerate on the facet; it is the square of Q, which answers.
        let square = try potential("(a*b + c*d)^2")
        #expect(square.lambda == Rational(1, 2) && square.multiplicity == 1)
        // (w1² + w2² + w3²)²: λ = 3/4, the hit face is the compact facet.
        #expect(try potential("(w1^2 + w2^2 + w3^2)^2").lambda == Rational(3, 4))
    }

    @Test func degenerateSquaresAnswerFromTheirRoot() throws {
        // Degenerate on the edge from (2k,0) to (0,2k), but K = Q²: the primer's (w1 − w2)²: 1/2, (w1 + w2)⁴: 1/4.
        for (k, lambda) in [("(w1 - w2)^2", Rational(1, 2)), ("(w1 + w2)^2", Rational(1, 2)), ("(w1 + w2)^4", Rational(1, 4))] {
            let c = try potential(k)
            #expect(c.lambda == lambda && c.multiplicity == 1, "\(k)")
        }
        // Not a square: refused, naming the face and the repeated factor gcd(K_γ, K_γ′).
        for (k, factor) in [("(w1 + w2)^2 + w1^4", "w1 + w2"), ("(w1 + w2)^4 + w2^6", "w1^3 + 3*w1^2*w2 + 3*w1*w2^2 + w2^3")] {
            #expect(performing: { try potential(k) }, throws: { error in
                guard case let .degenerateFace(face, reason) = error as? AnalyticError else { return false }
                return face.contains("normal (1, 1)") && reason.contains(factor)
            })
        }
    }

    @Test func newtonAgreesWithNormalCrossingOnMonomials() throws {
        // For a monomial the hit face is found by the geometry alone; compare
        // 1/t and the codimension with the normal-crossing formula.
        for exponents in [[2, 4], [4, 4], [2, 2, 6], [6, 2], [2, 0, 2], [8]] {
            let k = exponents.map { $0 / 2 }
            let nc = try NormalCrossing(k: k).coefficient()
            let hit = try NewtonPolyhedron(exponents: [exponents]).diagonalHit(weights: Array(repeating: 1, count: exponents.count))
            #expect(Rational(1) / hit.t == nc.lambda, "\(exponents)")
            #expect(hit.codimension == nc.multiplicity, "\(exponents)")
        }
    }

    @Test func localAtAPoint() throws {
        // (w1 w2)²: m = 2 at the origin, m = 1 at (0, 1) where w2² is a unit.
        #expect(try potential("w1^2*w2^2").multiplicity == 2)
        let c = try potential("w1^2*w2^2", at: ["w2": 1])
        #expect(c.lambda == Rational(1, 2) && c.multiplicity == 1)
        // Seed potential (w+1.6)²(w−1.6)⁴: regular at −1.6 (1/2), degenerate at +1.6 (1/4).
        #expect(try potential("(w+1.6)^2*(w-1.6)^4", at: ["w": -1.6]).lambda == Rational(1, 2))
        #expect(try potential("(w+1.6)^2*(w-1.6)^4", at: ["w": 1.6]).lambda == Rational(1, 4))
        // (w1² + w2²)² w1² on the line w1 = 0 at w2 = 1: K = w1² × unit, λ = 1/2.
        #expect(try potential("(w1^2+w2^2)^2*w1^2", at: ["w2": 1]).lambda == Rational(1, 2))
        // At the origin: the edge α1 + α2 = 6 from (6,0) to (2,4) contains (3,3):
        // t = 3, λ = 1/3, m = 1 (K_γ = w1²(w1² + w2²)² has no torus zero).
        let o = try potential("(w1^2+w2^2)^2*w1^2")
        #expect(o.lambda == Rational(1, 3) && o.multiplicity == 1)
    }

    @Test func refusals() {
        // Not a true parameter, sign change, bad --at and prior exponents.
        #expect(throws: AnalyticError.self) { try potential("w1^2 + 1") }
        #expect(performing: { try potential("w1^2*w2") }, throws: { error in
            if case .notNonnegative = error as? AnalyticError { return true }
            return false
        })
        #expect(performing: { try potential("w1^2 - w2^2") }, throws: { error in
            if case .notNonnegative = error as? AnalyticError { return true }
            return false
        })
        #expect(throws: AnalyticError.invalidInput(field: "at", reason: "'w3' is not a variable of K (its variables: w1, w2)")) {
            try potential("w1^2 + w2^2", at: ["w3": 0])
        }
        #expect(throws: AnalyticError.self) { try potential("w1^2 + w2^2", h: [1]) }
        #expect(throws: AnalyticError.self) { try regression("w1 + 1") }
    }
}

/// Exact coefficients make analytic answers independent of rounding.
@Suite struct ExactAnalyticTests {
    func potential(_ k: String, at point: [String: Double] = [:]) throws -> LearningCoefficient {
        try NewtonPolyhedronMethod.potential(try Polynomial(parsing: k), at: point)
    }

    @Test func cancellationIsExact() throws {
        // 1e308·1e308·w² cancels exactly, leaving w^4.
        #expect(try potential("1e308*1e308*w^2-1e308*1e308*w^2+w^4").lambda == Rational(1, 4))
        #expect(try potential("0.1*w^2+0.2*w^2-0.3*w^2+w^4").lambda == Rational(1, 4))
        #expect(try potential("0.1*(w-0.3)^2+0.2*(w-0.3)^2-0.3*(w-0.3)^2+(w-0.3)^4", at: ["w": 0.3]).lambda == Rational(1, 4))
    }

    @Test func smallCoefficientsCountAtEveryCentre() throws {
        // No tolerance: 1e-11·w² dominates w^4 near 0, at the origin and after a shift.
        #expect(try potential("w^4+1e-11*w^2").lambda == Rational(1, 2))
        #expect(try potential("(w-1)^4+1e-11*(w-1)^2", at: ["w": 1]).lambda == Rational(1, 2))
        #expect(try potential("(w+1.6)^4*(w-1.6)^6", at: ["w": -1.6]).lambda == Rational(1, 4))
    }

    @Test func largePowerOfASumOfSquares() throws {
        // (w1²+…+w4²)^12: 455 terms; t = 24/4 = 6, λ = 1/6 on the compact facet.
        let c = try potential("(w1^2+w2^2+w3^2+w4^2)^12")
        #expect(c.lambda == Rational(1, 6) && c.multiplicity == 1)
    }
}
