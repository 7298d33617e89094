import Testing
@testable import Polynomials

/// Newton polyhedra worked by hand: the diagonal hit t·(1,…,1) ∈ P, the
/// codimension of the face it meets, vertices and compact faces.
@Suite struct NewtonPolyhedronTests {
    func polyhedron(_ text: String) throws -> NewtonPolyhedron {
        try NewtonPolyhedron(try Polynomial(parsing: text))
    }
    func hit(_ text: String) throws -> NewtonPolyhedron.DiagonalHit {
        let p = try polyhedron(text)
        return try p.diagonalHit(weights: Array(repeating: 1, count: p.dimension))
    }

    @Test func monomialMeetsNonCompactFace() throws {
        // P = (2,4) + R²₊: (t,t) enters at t = 4 on the ray {α2 = 4, α1 > 2}, codimension 1.
        let h = try hit("w1^2*w2^4")
        #expect(h.t == Rational(4))
        #expect(h.codimension == 1)
        #expect(!h.isCompact)
        #expect(h.normal == [0, 1])
    }

    @Test func monomialMeetsVertex() throws {
        // (4,4) is the vertex itself: codimension 2.
        let h = try hit("w1^4*w2^4")
        #expect(h.t == Rational(4) && h.codimension == 2 && h.isCompact)
    }

    @Test func sumOfSquares() throws {
        // Edge α1 + α2 = 2: t = 1, codimension 1.
        let p = try polyhedron("w1^2 + w2^2")
        let h = try p.diagonalHit(weights: [1, 1])
        #expect(h.t == Rational(1) && h.codimension == 1 && h.normal == [1, 1])
        #expect(p.vertices.count == 2)
        #expect(p.compactFaces.map(\.dimension) == [0, 0, 1])
        #expect(p.compactFaces.last?.normal == [1, 1])
    }

    @Test func cusp() throws {
        // Edge 3α1 + 2α2 = 6: 5t = 6.
        let h = try hit("w1^2 + w2^3")
        #expect(h.t == Rational(6, 5) && h.codimension == 1 && h.normal == [3, 2])
        // (w1² + w2³)² = w1⁴ + 2w1²w2³ + w2⁶: the middle term lies on the edge 3α1 + 2α2 = 12.
        let p = try polyhedron("(w1^2 + w2^3)^2")
        let h2 = try p.diagonalHit(weights: [1, 1])
        #expect(h2.t == Rational(12, 5) && h2.termIndices.count == 3)
        #expect(p.vertices.count == 2)
        let edge = p.compactFaces.first { $0.dimension == 1 }
        #expect(edge?.termIndices.count == 3 && edge?.vertexIndices.count == 2 && edge?.normal == [3, 2])
    }

    @Test func nonCompactHitInTwoVariables() throws {
        // K = w1² seen in 2 variables: P = {α1 ≥ 2}, hit (2,2) on the facet α1 = 2.
        let p = try NewtonPolyhedron(exponents: [[2, 0]])
        let h = try p.diagonalHit(weights: [1, 1])
        #expect(h.t == Rational(2) && h.codimension == 1 && !h.isCompact && h.normal == [1, 0])
    }

    @Test func threeVariables() throws {
        // w1² + w2⁴ + w3⁶: triangle α1/2 + α2/4 + α3/6 = 1, t = 1/(1/2 + 1/4 + 1/6) = 12/11.
        let p = try polyhedron("w1^2 + w2^4 + w3^6")
        let h = try p.diagonalHit(weights: [1, 1, 1])
        #expect(h.t == Rational(12, 11) && h.codimension == 1 && h.normal == [6, 3, 2])
        // 3 vertices, 3 edges, 1 triangle.
        #expect(p.compactFaces.map(\.dimension) == [0, 0, 0, 1, 1, 1, 2])
        // w1²w2²w3²: the vertex (2,2,2), codimension 3.
        let v = try hit("w1^2*w2^2*w3^2")
        #expect(v.t == Rational(2) && v.codimension == 3)
        // w1²w2² + w3²: edge from (2,2,0) to (0,0,2), whose midpoint is (1,1,1): t = 1 hits
        // the interior of that compact edge: 3 − 1 = codimension 2.
        let e = try hit("w1^2*w2^2 + w3^2")
        #expect(e.t == Rational(1) && e.codimension == 2 && e.isCompact)
    }

    @Test func priorWeightsMoveTheHit() throws {
        // w1² + w2², weights h + 1 = (2, 1): 2t/2 + t/2 = 1 → t = 2/3.
        let h = try polyhedron("w1^2 + w2^2").diagonalHit(weights: [2, 1])
        #expect(h.t == Rational(2, 3) && h.codimension == 1)
    }

    @Test func interiorAndNonVertexTerms() throws {
        // w1² + w1w2 + w2² + w1²w2²: (1,1) is on the edge, (2,2) is interior.
        let p = try polyhedron("w1^2 + w1*w2 + w2^2 + w1^2*w2^2")
        #expect(Set(p.vertices) == [[2, 0], [0, 2]])
        let edges = p.compactFaces.filter { $0.dimension == 1 }
        #expect(edges.count == 1 && edges[0].termIndices.count == 3)
        #expect(!p.compactFaces.contains { $0.termIndices.contains(p.exponents.firstIndex(of: [2, 2])!) })
        // (1,1) is a term of P itself: t = 1 at the point (1,1), on the edge.
        let h = try p.diagonalHit(weights: [1, 1])
        #expect(h.t == Rational(1) && h.codimension == 1)
    }

    @Test func quadrilateralFacetAndTermOnAnEdge() throws {
        // Plane α1 + α2 + α3 = 2 through (2,0,0), (0,2,0), (0,1,1), (1,0,1): a compact
        // quadrilateral with 4 vertices and 4 edges (the diagonals are not faces).
        let q = try NewtonPolyhedron(exponents: [[2, 0, 0], [0, 2, 0], [0, 1, 1], [1, 0, 1]])
        #expect(q.vertexIndices == [0, 1, 2, 3])
        #expect(q.compactFaces.map(\.dimension) == [0, 0, 0, 0, 1, 1, 1, 1, 2])
        #expect(q.compactFaces.last?.normal == [1, 1, 1])
        #expect(!q.compactFaces.contains { $0.termIndices == [0, 2] } && !q.compactFaces.contains { $0.termIndices == [1, 3] })
        // Triangle α1 + α2 + α3 = 2 with the extra term (1,1,0) on its edge.
        let p = try NewtonPolyhedron(exponents: [[2, 0, 0], [0, 2, 0], [0, 0, 2], [1, 1, 0]])
        #expect(p.vertexIndices == [0, 1, 2])
        let facets = p.compactFaces.filter { $0.dimension == 2 }
        #expect(facets.count == 1 && facets[0].termIndices == [0, 1, 2, 3] && facets[0].normal == [1, 1, 1])
        #expect(p.compactFaces.filter { $0.dimension == 1 }.map(\.termIndices.count).sorted() == [2, 2, 3])
    }

    @Test func errors() {
        #expect(throws: NewtonPolyhedronError.empty) { try NewtonPolyhedron(Polynomial()) }
        #expect(throws: NewtonPolyhedronError.self) { try NewtonPolyhedron(exponents: [[1, 0], [1]]) }
        #expect(throws: NewtonPolyhedronError.self) {
            try NewtonPolyhedron(exponents: [[2, 0]]).diagonalHit(weights: [1, 0])
        }
    }
}
