import Testing
@testable import Polynomials

@Suite("Newton polyhedron")
struct NewtonPolyhedronTests {
    func polyhedron(_ s: String) throws -> NewtonPolyhedron { NewtonPolyhedron(try Polynomial(parsing: s)) }

    func hit(_ s: String, weights: [Int]? = nil) throws -> DiagonalHit {
        try #require(try polyhedron(s).diagonalHit(weights: weights))
    }

    @Test func simplexSolvesSmallProgramsExactly() {
        // max x + y  s.t. x + 2y ≤ 4, 3x + y ≤ 6: optimum at (8/5, 6/5), value 14/5.
        var lp = RationalLinearProgram(variableCount: 2, maximize: [1, 1])
        lp.add([1, 2], .lessOrEqual, 4)
        lp.add([3, 1], .lessOrEqual, 6)
        #expect(lp.solve() == .optimal(value: Rational(14, 5), solution: [Rational(8, 5), Rational(6, 5)]))
        var infeasible = RationalLinearProgram(variableCount: 1, maximize: [1])
        infeasible.add([1], .greaterOrEqual, 2)
        infeasible.add([1], .lessOrEqual, 1)
        #expect(infeasible.solve() == .infeasible)
        var unbounded = RationalLinearProgram(variableCount: 2, maximize: [1, 0])
        unbounded.add([1, -1], .equal, -3)
        #expect(unbounded.solve() == .unbounded)
    }

    @Test func monomials() throws {
        // w1²w2⁴: the point (4, 4) lies on the unbounded facet x2 = 4 → λ = 1/4, m = 1.
        let a = try hit("w1^2*w2^4")
        #expect(a.t == 4)
        #expect(a.codimension == 1)
        #expect(a.face.unboundedDirections == [0])
        #expect(a.face.normal == [0, 1])
        #expect(try polyhedron("w1^2*w2^4").vertices == [[2, 4]])
        // w1⁴w2⁴: the diagonal meets the vertex → λ = 1/4, m = 2.
        let b = try hit("w1^4*w2^4")
        #expect(b.t == 4)
        #expect(b.codimension == 2)
        #expect(b.face.isVertex && b.face.isCompact)
    }

    @Test func regularAndQuasiHomogeneous() throws {
        let circle = try hit("w1^2+w2^2")
        #expect(circle.t == 1)
        #expect(circle.codimension == 1)
        #expect(circle.face.normal == [1, 1])
        #expect(circle.point == [1, 1])
        let cusp = try hit("w1^2 + w2^3")
        #expect(cusp.t == Rational(6, 5))
        #expect(cusp.codimension == 1)
        #expect(cusp.face.normal == [3, 2])
        #expect(cusp.face.supportValue == 6)
        // (w1² + w2³)² = w1⁴ + 2w1²w2³ + w2⁶: edge (4,0)–(0,6), t = 12/5, λ = 5/12.
        let p = try Polynomial(parsing: "(w1^2+w2^3)^2")
        let squared = try #require(NewtonPolyhedron(p).diagonalHit())
        #expect(squared.t == Rational(12, 5))
        #expect(Rational.one / squared.t == Rational(5, 12))
        #expect(squared.codimension == 1)
        #expect(Set(squared.face.exponents) == [[2, 3], [4, 0], [0, 6]])
        #expect(NewtonPolyhedron(p).vertices.count == 2)
    }

    @Test func interiorPointOfAnEdge() throws {
        // x²y² + x⁴ + y⁴: (2,2) is on the edge (4,0)–(0,4) but not a vertex; t = 2, m = 1.
        let poly = try polyhedron("x^2*y^2 + x^4 + y^4")
        #expect(Set(poly.vertices) == [[4, 0], [0, 4]])
        let h = try #require(poly.diagonalHit())
        #expect(h.t == 2)
        #expect(h.codimension == 1)
        #expect(h.face.termIndices.count == 3)
        let faces = poly.compactFaces
        #expect(faces.count == 3)
        #expect(faces.map(\.dimension) == [0, 0, 1])
        #expect(faces.allSatisfy { $0.isCompact && $0.normal.allSatisfy { $0 > 0 } })
        // The face polynomial of the edge is the whole polynomial.
        let p = try Polynomial(parsing: "x^2*y^2 + x^4 + y^4")
        #expect(p.restricted(to: faces[2].termIndices) == p)
    }

    @Test func dominatedExponentsAreNotVertices() throws {
        // w1*w2 dominates w1^2*w2^3; w1^3 + w2^3 + w1*w2: vertices (3,0), (1,1), (0,3).
        let poly = try polyhedron("w1^3 + w2^3 + w1*w2 + w1^2*w2^3")
        #expect(Set(poly.vertices) == [[3, 0], [1, 1], [0, 3]])
        let faces = poly.compactFaces
        #expect(faces.filter { $0.dimension == 1 }.count == 2)
        #expect(faces.count == 5)
        #expect(try #require(poly.diagonalHit()).t == 1)
        #expect(try #require(poly.diagonalHit()).codimension == 2)
    }

    @Test func priorWeights() throws {
        // w1²w2⁴ with φ ∝ |w2|²: λ = min((0+1)/2, (2+1)/4) = 1/2, m = 1.
        let a = try hit("w1^2*w2^4", weights: [0, 2])
        #expect(a.t == 2)
        #expect(a.codimension == 1)
        // With φ ∝ |w2|: (0+1)/2 = (1+1)/4 → both attain the minimum, m = 2.
        let b = try hit("w1^2*w2^4", weights: [0, 1])
        #expect(b.t == 2)
        #expect(b.codimension == 2)
        #expect(try polyhedron("w1^2").diagonalHit(weights: [0, 0]) == nil)
        #expect(try polyhedron("w1^2").diagonalHit(weights: [-1]) == nil)
    }

    @Test func threeVariables() throws {
        // (w1 w2)² + w3²: the diagonal meets the midpoint (1,1,1) of the compact edge
        // (2,2,0)–(0,0,2), a face of codimension 2 → λ = 1, m = 2 (½ + ½, with m = 2 from (w1w2)²).
        let a = try hit("(w1*w2)^2 + w3^2")
        #expect(a.t == 1)
        #expect(a.codimension == 2)
        #expect(a.face.isCompact)
        #expect(a.face.termIndices.count == 2)
        // Regular: w1² + w2² + w3² → t = 2/3, λ = 3/2 = d/2, m = 1.
        let regular = try hit("w1^2 + w2^2 + w3^2")
        #expect(regular.t == Rational(2, 3))
        #expect(regular.codimension == 1)
        let poly = try polyhedron("w1^2 + w2^2 + w3^2")
        #expect(poly.compactFaces.map(\.dimension) == [0, 0, 0, 1, 1, 1, 2])
        // A variable absent from K: w1² over (w1, w2, w3) → t = 2, m = 1.
        let extra = try NewtonPolyhedron(try Polynomial(parsing: "w1^2"), variables: ["w1", "w2", "w3"])
        let e = try #require(extra.diagonalHit())
        #expect(e.t == 2)
        #expect(e.codimension == 1)
        #expect(e.face.unboundedDirections == [1, 2])
    }

    @Test func constantTermMeansTEqualsZero() throws {
        let h = try hit("1 + w^2")
        #expect(h.t == 0)
        #expect(try polyhedron("1 + w^2").vertices == [[0]])
        #expect(NewtonPolyhedron(Polynomial.zero).diagonalHit() == nil)
    }

    @Test func largerExpansionStaysExact() throws {
        // (w1 + w2 + w3)^4 expands to 15 terms; P is the simplex facet x1+x2+x3 ≥ 4.
        let poly = try polyhedron("(w1 + w2 + w3)^4")
        #expect(Set(poly.vertices) == [[4, 0, 0], [0, 4, 0], [0, 0, 4]])
        let h = try #require(poly.diagonalHit())
        #expect(h.t == Rational(4, 3))
        #expect(h.face.termIndices.count == 15)
        #expect(h.codimension == 1)
        #expect(poly.compactFaces.count == 7)
    }
}
