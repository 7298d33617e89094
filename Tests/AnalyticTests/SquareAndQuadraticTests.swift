import Testing
@testable import Analytic
import Polynomials

/// The exact routes after a degenerate Newton polyhedron: K = c·Q² and the quadratic part.
@Suite struct SquareAndQuadraticTests {
    func potential(_ s: String, at point: [String: Double] = [:]) throws -> LearningCoefficient {
        try NewtonPolyhedronMethod.potential(Polynomial(parsing: s), at: point)
    }
    func regression(_ s: String) throws -> LearningCoefficient {
        try NewtonPolyhedronMethod.regressionOutput(Polynomial(parsing: s))
    }

    @Test func perfectSquaresAnswerFromTheirRoot() throws {
        // (w1² + w2³)²: the cusp, 5/12 (SLT primer); Newton alone refuses it.
        let cusp = try potential("(w1^2+w2^3)^2")
        #expect(cusp.lambda == Rational(5, 12) && cusp.multiplicity == 1)
        #expect(cusp.method.contains("perfect square"))
        // The primer's classics: (w1 − w2)²: 1/2, (w1 + w2)⁴: 1/4, (ab + cd)²: 1/2.
        #expect(try potential("(w1-w2)^2").lambda == Rational(1, 2))
        let fourth = try potential("(w1+w2)^4")
        #expect(fourth.lambda == Rational(1, 4) && fourth.multiplicity == 1)
        let ab = try potential("(a*b+c*d)^2")
        #expect(ab.lambda == Rational(1, 2) && ab.multiplicity == 1)
        // (w1² − w2²)² = (uv)² after a linear change: 1/2, m = 2.
        let uv = try potential("(w1^2-w2^2)^2")
        #expect(uv.lambda == Rational(1, 2) && uv.multiplicity == 2)
        // A square at a point: (w − 1.6)⁴(w + 1.6)² is not degenerate at 1.6 anyway; 3·(w1 − w2)² at (1, 1).
        #expect(try potential("3*(w1-w2)^2", at: ["w1": 1, "w2": 1]).lambda == Rational(1, 2))
    }

    @Test func nonSquaresStillRefusedWithTheFace() {
        #expect(performing: { try potential("(w1+w2)^2 + w1^4") }, throws: { error in
            guard case let .degenerateFace(face, reason) = error as? AnalyticError else { return false }
            return face.contains("normal (1, 1)") && reason.contains("w1 + w2")
        })
    }

    @Test func quadraticFormsDecideTheMultiplicity() throws {
        // Q = w1² − w2² ~ uv: Newton ties at 1/2; the linear change gives m = 2.
        let q = try regression("w1^2-w2^2")
        #expect(q.lambda == Rational(1, 2) && q.multiplicity == 2)
        // Q = w1 w2 + w3²: indefinite of rank 3: 1/2, m = 1.
        let r3 = try regression("w1*w2 + w3^2")
        #expect(r3.lambda == Rational(1, 2) && r3.multiplicity == 1)
        // Q = (w1 − w2)²: rank 1, Q² ~ u⁴: 1/4.
        #expect(try regression("(w1-w2)^2").lambda == Rational(1, 4))
        // Q = w1² − w2² + w1³: full rank 2 (Morse lemma), still uv.
        #expect(try regression("w1^2 - w2^2 + w1^3").multiplicity == 2)
        // A potential with a positive semi-definite quadratic part of rank 2 in 3 variables: λ = 1.
        let k = try potential("(w1-w2)^2 + (w2-w3)^2")
        #expect(k.lambda == Rational(1) && k.multiplicity == 1)
        // An indefinite full-rank quadratic part is not a potential.
        #expect(throws: AnalyticError.self) { try potential("w1^2 - w2^2 + w1^4") }
    }
}

@Suite struct GlobalLearningCoefficientTests {
    func global(_ s: String, _ lower: [Double], _ upper: [Double]) throws -> GlobalLearningCoefficient {
        try GlobalLearningCoefficient.potential(Polynomial(parsing: s), lower: lower, upper: upper)
    }

    @Test func seedPotentialOnItsSupport() throws {
        // (w + 1.6)²(w − 1.6)⁴ on [−3, 3]: 1/2 at −1.6, 1/4 at 1.6 → 1/4 at 1.6.
        let g = try global("(w+1.6)^2*(w-1.6)^4", [-3], [3])
        #expect(g.coefficient.lambda == Rational(1, 4) && g.coefficient.multiplicity == 1)
        #expect(g.isExhaustive)
        #expect(g.minima.map(\.text) == ["(w = -1.6)", "(w = 1.6)"])
        #expect(g.minima.map { $0.local!.lambda } == [Rational(1, 2), Rational(1, 4)])
        #expect(g.coefficient.attainedAt == "(w = 1.6)")
        // On [−3, 0] only the regular zero is in the support.
        #expect(try global("(w+1.6)^2*(w-1.6)^4", [-3], [0]).coefficient.lambda == Rational(1, 2))
        // The whole line (a normal prior).
        #expect(try global("(w+1.6)^2*(w-1.6)^4", [-.infinity], [.infinity]).coefficient.lambda == Rational(1, 4))
    }

    @Test func zerosAtTheEndsAndIrrationalZeros() throws {
        // w² on [0, 1]: the zero is the end of the support, λ = 1/2.
        let edge = try global("w^2", [0], [1])
        #expect(edge.coefficient.lambda == Rational(1, 2) && edge.minima.count == 1 && edge.minima[0].text.contains("end of the support"))
        // w on [0, 1] is ≥ 0 there: a simple zero at the end, λ = 1.
        #expect(try global("w", [0], [1]).coefficient.lambda == Rational(1))
        // (w² − 2)² w⁶ on [−2, 2]: ±√2 (multiplicity 2) and 0 (multiplicity 6): λ = 1/6 at 0.
        let g = try global("(w^2-2)^2*w^6", [-2], [2])
        #expect(g.coefficient.lambda == Rational(1, 6))
        #expect(g.minima.count == 3 && g.minima[0].text.contains("≈-1.414214") && g.minima[1].text == "(w = 0)")
        // Three zeros: (w − 1)²(w + 1)²(w − 2)⁴ on [−3, 3]: 1/4 at 2.
        let three = try global("(w-1)^2*(w+1)^2*(w-2)^4", [-3], [3])
        #expect(three.minima.map(\.text) == ["(w = -1)", "(w = 1)", "(w = 2)"] && three.coefficient.lambda == Rational(1, 4))
    }

    @Test func refusals() {
        // Sign change inside the support, no zero, negative everywhere.
        #expect(throws: AnalyticError.self) { try global("w", [-1], [1]) }
        #expect(throws: AnalyticError.self) { try global("w^2 + 1", [-1], [1]) }
        #expect(throws: AnalyticError.self) { try global("-(w^2)-1", [-1], [1]) }
        #expect(throws: AnalyticError.self) { try global("w1^2*w2^2", [-1, -1], [1, .infinity]) }
    }

    @Test func multistartFindsBothZeros() throws {
        // λ = 1 at (1, 0) (regular), 1/2 at (−1, 0) ((w1 + 1)⁴ + w2⁴): 1/2 over the minima found.
        let g = try global("((w1-1)^2+w2^2)*((w1+1)^4+w2^4)", [-2, -2], [2, 2])
        #expect(!g.isExhaustive)
        #expect(g.coefficient.lambda == Rational(1, 2) && g.coefficient.multiplicity == 1)
        let texts = g.minima.filter { $0.local != nil }.map(\.text)
        #expect(texts.contains("(w1 = -1, w2 = 0)") && texts.contains("(w1 = 1, w2 = 0)"), "\(texts)")
        // Same seed, same list.
        let again = try global("((w1-1)^2+w2^2)*((w1+1)^4+w2^4)", [-2, -2], [2, 2])
        #expect(again.minima.map(\.text) == g.minima.map(\.text))
    }
}

@Suite struct NonnegativeMatrixFactorizationTests {
    @Test func exactCases() throws {
        // H0 = 0: H·min(M, N)/2, m = H + 1 when M = N.
        let a = try NonnegativeMatrixFactorization(rows: 2, columns: 2, inner: 1, trueRank: 0).coefficient()
        #expect(a.lambda == Rational(1) && a.multiplicity == 2)
        let b = try NonnegativeMatrixFactorization(rows: 3, columns: 3, inner: 2, trueRank: 0).coefficient()
        #expect(b.lambda == Rational(3) && b.multiplicity == 3)
        let c = try NonnegativeMatrixFactorization(rows: 2, columns: 3, inner: 2, trueRank: 0).coefficient()
        #expect(c.lambda == Rational(2) && c.multiplicity == 1)
        // H = H0 = 1: (M + N − 1)/2; H = H0 = 2: M + N − 2 — the bound's value, which is exact there.
        let d = try NonnegativeMatrixFactorization(rows: 2, columns: 3, inner: 1, trueRank: 1)
        #expect(try d.coefficient().lambda == Rational(2) && d.upperBound == Rational(2))
        let e = try NonnegativeMatrixFactorization(rows: 4, columns: 3, inner: 2, trueRank: 2)
        #expect(try e.coefficient().lambda == Rational(5) && e.upperBound == Rational(5))
        // H0 = 0 agrees with the bound too.
        #expect(try NonnegativeMatrixFactorization(rows: 3, columns: 5, inner: 4, trueRank: 0).upperBound == Rational(6))
    }

    @Test func boundOnlyCasesThrowWithTheBound() {
        #expect(performing: { try NonnegativeMatrixFactorization(rows: 3, columns: 3, inner: 2, trueRank: 1).coefficient() },
                throws: { "\($0)".contains("upper bound λ ≤ 4") })
        #expect(throws: AnalyticError.self) { try NonnegativeMatrixFactorization(rows: 2, columns: 2, inner: 1, trueRank: 3) }
    }
}
