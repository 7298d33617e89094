import Testing
@testable import Analytic
import Polynomials

/// The decision logic of the Newton method on hand-computed polyhedra
/// (the polyhedra themselves come from `Polynomials.NewtonPolyhedron`).
@Suite struct NewtonDecisionTests {
    let names = ["w1", "w2"]
    func terms(_ list: [([Int], Double)]) -> [FaceTerm] { list.map { FaceTerm(exponents: $0.0, coefficient: $0.1) } }
    typealias Face = NewtonPolyhedronMethod.Face

    @Test func squareOfSumIsRefusedWithTheFace() {
        // K = (w1 + w2)²: edge from (2,0) to (0,2) with normal (1,1), t = 1.
        let k = terms([([2, 0], 1), ([1, 1], 2), ([0, 2], 1)])
        let faces = [Face(termIndices: [0], normal: [1, 2]), Face(termIndices: [2], normal: [2, 1]),
                     Face(termIndices: [0, 1, 2], normal: [1, 1])]
        #expect {
            try NewtonPolyhedronMethod.coefficient(terms: k, names: names, compactFaces: faces, t: Rational(1), codimension: 1,
                                                   power: 1, priorExponents: [0, 0], context: [])
        } throws: { error in
            guard case let .degenerateFace(face, reason) = error as? AnalyticError else { return false }
            return face.contains("normal (1, 1)") && reason.contains("w1 + w2")
        }
    }

    @Test func regressionOnLinearQ() throws {
        // Q = w1 − w2: t_Q = 1/2, 1/(2t) = 1 > 1/2 and Q vanishes on the torus → 1/2, m = 1.
        let q = terms([([1, 0], 1), ([0, 1], -1)])
        let faces = [Face(termIndices: [0], normal: [1, 2]), Face(termIndices: [1], normal: [2, 1]),
                     Face(termIndices: [0, 1], normal: [1, 1])]
        let c = try NewtonPolyhedronMethod.coefficient(terms: q, names: names, compactFaces: faces, t: Rational(1, 2),
                                                       codimension: 1, power: 2, priorExponents: [0, 0], context: [])
        #expect(c.lambda == Rational(1, 2) && c.multiplicity == 1)
    }

    @Test func cuspAsRegressionOutput() throws {
        // Q = w1² + w2³: t_Q = 6/5, λ = 5/12 < 1/2, m = 1 (edge).
        let q = terms([([2, 0], 1), ([0, 3], 1)])
        let faces = [Face(termIndices: [0], normal: [1, 1]), Face(termIndices: [1], normal: [1, 1]),
                     Face(termIndices: [0, 1], normal: [3, 2])]
        let c = try NewtonPolyhedronMethod.coefficient(terms: q, names: names, compactFaces: faces, t: Rational(6, 5),
                                                       codimension: 1, power: 2, priorExponents: [0, 0], context: [])
        #expect(c.lambda == Rational(5, 12) && c.multiplicity == 1)
    }

    @Test func signChangingPotentialIsRefused() {
        // K = w1² − w2² is not ≥ 0.
        let k = terms([([2, 0], 1), ([0, 2], -1)])
        let faces = [Face(termIndices: [0, 1], normal: [1, 1])]
        #expect {
            try NewtonPolyhedronMethod.coefficient(terms: k, names: names, compactFaces: faces, t: Rational(1), codimension: 1,
                                                   power: 1, priorExponents: [0, 0], context: [])
        } throws: { error in
            if case .notNonnegative = error as? AnalyticError { return true }
            return false
        }
    }

    @Test func tieLeavesMultiplicityOpen() throws {
        // Q = w1² − w2² = (w1 − w2)(w1 + w2): t_Q = 1 → 1/2 ties with the smooth zeros (truth m = 2).
        let q = terms([([2, 0], 1), ([0, 2], -1)])
        let faces = [Face(termIndices: [0, 1], normal: [1, 1])]
        let c = try NewtonPolyhedronMethod.coefficient(terms: q, names: names, compactFaces: faces, t: Rational(1), codimension: 1,
                                                       power: 2, priorExponents: [0, 0], context: [])
        #expect(c.lambda == Rational(1, 2) && c.multiplicity == nil)
    }
}
