import Polynomials

/// What `rlct polynomial` prints, in text or JSON.
public struct PolynomialReport: Encodable {
    public struct Term: Encodable {
        public var exponents: [Int]
        public var coefficient: Double
        public var monomial: String
    }
    public struct Face: Encodable {
        public var dimension: Int
        public var normal: [Int]
        /// 0-based indices into `terms`.
        public var terms: [Int]
        public var vertices: [[Int]]
        public var polynomial: String
    }
    public struct Hit: Encodable {
        public var t: String
        public var tValue: Double
        public var codimension: Int
        public var compact: Bool
        public var normal: [Int]
        public var polynomial: String
        enum CodingKeys: String, CodingKey { case t, tValue = "t_value", codimension, compact, normal, polynomial }
    }
    public struct Newton: Encodable {
        public var vertices: [[Int]]
        public var compactFaces: [Face]
        public var diagonalHit: Hit
        enum CodingKeys: String, CodingKey { case vertices, compactFaces = "compact_faces", diagonalHit = "diagonal_hit" }
    }

    public var expanded: String
    public var variables: [String]
    public var degree: Int
    public var terms: [Term]
    public var newtonPolyhedron: Newton?

    enum CodingKeys: String, CodingKey { case expanded, variables, degree, terms, newtonPolyhedron = "newton_polyhedron" }

    public init(_ p: Polynomial, newton: NewtonPolyhedron?, hit: NewtonPolyhedron.DiagonalHit?) {
        expanded = p.description
        variables = p.variables
        degree = p.degree
        terms = p.terms.indices.map { Term(exponents: p.terms[$0].exponents, coefficient: p.terms[$0].coefficient, monomial: p.restricted(to: [$0]).description) }
        guard let newton, let hit else { return }
        newtonPolyhedron = Newton(
            vertices: newton.vertices,
            compactFaces: newton.compactFaces.map { f in
                Face(dimension: f.dimension, normal: f.normal, terms: f.termIndices,
                     vertices: f.vertexIndices.map { newton.exponents[$0] },
                     polynomial: p.restricted(to: f.termIndices).description)
            },
            diagonalHit: Hit(t: hit.t.description, tValue: hit.t.doubleValue, codimension: hit.codimension,
                             compact: hit.isCompact, normal: hit.normal,
                             polynomial: p.restricted(to: hit.termIndices).description))
    }

    public var text: String {
        func vector(_ v: [Int]) -> String { "(" + v.map(String.init).joined(separator: ", ") + ")" }
        var lines = [
            "expanded:  \(expanded)",
            "variables: \(variables.isEmpty ? "(none)" : variables.joined(separator: ", "))",
            "degree:    \(degree)",
            "terms:     \(terms.count)",
        ]
        guard let n = newtonPolyhedron else {
            lines.append("Newton polyhedron: none (the zero polynomial)")
            return lines.joined(separator: "\n")
        }
        lines.append("Newton polyhedron P = conv{exponents} + R^\(variables.count)_+")
        lines.append("  vertices: " + n.vertices.map(vector).joined(separator: " "))
        lines.append("  compact faces:")
        for f in n.compactFaces {
            let kind = ["vertex", "edge"].indices.contains(f.dimension) ? ["vertex", "edge"][f.dimension] : "\(f.dimension)-face"
            lines.append("    \(kind), normal \(vector(f.normal)): \(f.polynomial)")
        }
        let h = n.diagonalHit
        lines.append("  diagonal hit: t = \(h.t), on a \(h.compact ? "compact" : "non-compact") face of codimension \(h.codimension), normal \(vector(h.normal)): \(h.polynomial)")
        return lines.joined(separator: "\n")
    }
}
