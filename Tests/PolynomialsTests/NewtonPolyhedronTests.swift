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

/// Newton polyhedra with thousands of terms: the facet-based geometry is
/// polynomial in the number of terms (checked by counts, not time).
@Suite struct LargeNewtonPolyhedronTests {
    @Test func powerOfASumWithItsConstantTerm() throws {
        // (1 + w1 + w2 + w3)^12: 455 terms, P = R^3_+, the only compact face is the vertex 0.
        let p = try Polynomial(parsing: "(1+w1+w2+w3)^12")
        #expect(p.terms.count == 455)
        let n = try NewtonPolyhedron(p)
        #expect(n.vertices == [[0, 0, 0]] && n.compactFaces.count == 1)
        #expect(try n.diagonalHit(weights: [1, 1, 1]).t == .zero)
    }

    @Test func powerOfASumOfSquares() throws {
        // (w1²+…+w4²)^12: 455 terms on the simplex Σα = 24; its 15 faces are compact.
        let n = try NewtonPolyhedron(try Polynomial(parsing: "(w1^2+w2^2+w3^2+w4^2)^12"))
        #expect(n.vertices.count == 4)
        #expect(n.compactFaces.map(\.dimension) == [0, 0, 0, 0] + Array(repeating: 1, count: 6) + [2, 2, 2, 2, 3])
        #expect(n.compactFaces.last?.termIndices.count == 455 && n.compactFaces.last?.normal == [1, 1, 1, 1])
        let h = try n.diagonalHit(weights: [1, 1, 1, 1])
        #expect(h.t == Rational(6) && h.codimension == 1 && h.isCompact)
    }

    @Test func fiveThousandTermsInFourVariables() throws {
        // Every monomial of degree 29 (C(32, 3) = 4960 terms, all on the facet Σα = 29)
        // plus 40 of degree 30 (each dominates one of degree 29: on no compact face).
        var exponents: [[Int]] = []
        for a in 0...29 { for b in 0...(29 - a) { for c in 0...(29 - a - b) { exponents.append([a, b, c, 29 - a - b - c]) } } }
        #expect(exponents.count == 4960)
        for k in 0...30 { exponents.append([30 - k, k, 0, 0]) }
        for k in 1...9 { exponents.append([0, 30 - k, k, 0]) }
        #expect(exponents.count == 5000 && Set(exponents).count == 5000)
        let n = try NewtonPolyhedron(exponents: exponents)
        #expect(n.vertexIndices.count == 4)
        // Faces of the tetrahedron: 4 vertices, 6 edges of 30 terms, 4 triangles of C(31, 2) = 465, one facet of 4960.
        #expect(n.compactFaces.count == 15)
        #expect(n.compactFaces.filter { $0.dimension == 1 }.allSatisfy { $0.termIndices.count == 30 })
        #expect(n.compactFaces.filter { $0.dimension == 2 }.allSatisfy { $0.termIndices.count == 465 })
        #expect(n.compactFaces.last?.termIndices == Array(0..<4960))
        let h = try n.diagonalHit(weights: [1, 1, 1, 1])
        #expect(h.t == Rational(29, 4) && h.codimension == 1 && h.termIndices.count == 4960)
    }

    @Test func randomPointsAgreeWithTheDefinition() throws {
        // 300 random exponents in [0, 12]^3: every vertex is a point no other
        // point dominates, and each compact face's normal exposes exactly its terms.
        var state: UInt64 = 2024
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % 13
        }
        var set: Set<[Int]> = []
        while set.count < 300 { set.insert([next(), next(), next()]) }
        let exponents = set.sorted { $0.lexicographicallyPrecedes($1) }
        let n = try NewtonPolyhedron(exponents: exponents)
        #expect(!n.compactFaces.isEmpty)
        for f in n.compactFaces {
            #expect(f.normal.allSatisfy { $0 > 0 })
            let values = exponents.map { zip($0, f.normal).reduce(0) { $0 + $1.0 * $1.1 } }
            let m = values.min()!
            #expect(f.termIndices == values.indices.filter { values[$0] == m })
        }
    }
}
