/// The Newton polyhedron P(f) = conv{α : c_α ≠ 0} + R^d_+ of an expanded
/// polynomial f = Σ c_α w^α, computed exactly (integer double description).
///
/// A face of P is compact iff it has a strictly positive normal u (it is then
/// the set of exponents minimising u·α). The compact faces are what the Newton
/// polyhedron method checks for non-degeneracy, and `diagonalHit(weights:)`
/// gives the Newton distance: the smallest t with t·(h + 1) ∈ P (Varchenko
/// 1976; Watanabe 2009, *Algebraic Geometry and Statistical Learning Theory*).
public struct NewtonPolyhedron: Sendable, Hashable {
    /// A compact face: the terms of f on it and a strictly positive integer normal.
    public struct Face: Sendable, Hashable {
        /// Indices (into the exponent list) of every term on the face.
        public var termIndices: [Int]
        /// Indices of the polyhedron's vertices on the face.
        public var vertexIndices: [Int]
        /// A primitive integer normal u > 0 with the face = argmin over P of u·α.
        public var normal: [Int]
        /// 0 for a vertex, 1 for an edge, …
        public var dimension: Int
    }

    /// Where the ray t·weights first meets P.
    public struct DiagonalHit: Sendable, Hashable {
        /// The Newton distance: the smallest t with t·weights ∈ P.
        public var t: Rational
        /// The point t·weights.
        public var point: [Rational]
        /// Indices of the terms on the face whose relative interior contains the point.
        public var termIndices: [Int]
        /// A primitive integer normal u ≥ 0 in the relative interior of the face's normal cone.
        public var normal: [Int]
        /// d − (dimension of that face).
        public var codimension: Int
        /// Whether the face is bounded (all entries of `normal` positive).
        public var isCompact: Bool
    }

    /// d, the number of coordinates.
    public let dimension: Int
    /// The exponent vectors α of the terms, in the order given.
    public let exponents: [[Int]]
    /// Indices of the exponents that are vertices of P, ascending.
    public let vertexIndices: [Int]
    /// Every compact face, by dimension and then by term indices.
    public let compactFaces: [Face]

    /// Facets and incidences, computed once.
    let geometry: Geometry

    /// The largest number of compact faces enumerated before giving up.
    public static let maximumFaceCount = 20_000
    /// The most variables the exact computation accepts (the double description
    /// can need exponentially many rays in d; the Newton polyhedron method is
    /// used in a handful of variables).
    public static let maximumDimension = 32
    /// The most intermediate rays the double description may hold.
    public static let maximumRays = 200_000

    /// The vertices' exponent vectors.
    public var vertices: [[Int]] { vertexIndices.map { exponents[$0] } }

    /// The polyhedron of `polynomial`'s terms over its `variables`.
    public init(_ polynomial: Polynomial) throws(NewtonPolyhedronError) {
        try self.init(exponents: polynomial.terms.map(\.exponents))
    }

    /// The polyhedron of the given distinct non-negative exponent vectors, all of length d.
    public init(exponents: [[Int]]) throws(NewtonPolyhedronError) {
        guard let first = exponents.first else { throw NewtonPolyhedronError.empty }
        let d = first.count
        for (i, e) in exponents.enumerated() {
            guard e.count == d else {
                throw NewtonPolyhedronError.invalidInput("exponent vector \(i) has \(e.count) entries, expected \(d)")
            }
            if let j = e.firstIndex(where: { $0 < 0 }) {
                throw NewtonPolyhedronError.invalidInput("exponent vector \(i) has the negative entry \(e[j]) at \(j)")
            }
        }
        guard Set(exponents).count == exponents.count else {
            throw NewtonPolyhedronError.invalidInput("exponent vectors must be distinct (combine like terms first)")
        }
        guard d <= Self.maximumDimension else {
            throw NewtonPolyhedronError.tooLarge("\(d) variables, more than the \(Self.maximumDimension) it is computed for")
        }
        self.dimension = d
        self.exponents = exponents
        let geometry: Geometry
        do { geometry = try Geometry(points: exponents) } catch {
            if error.isTooLarge {
                throw NewtonPolyhedronError.tooLarge("the double description needs more than \(Self.maximumRays) rays")
            }
            throw NewtonPolyhedronError.overflow
        }
        // A point is a vertex iff the facets through it meet only in it.
        var vertices: [Int] = []
        for i in exponents.indices where !geometry.facetsThrough[i].isEmpty {
            if geometry.points(onAll: geometry.facetsThrough[i]).members == [i] { vertices.append(i) }
        }
        var faces: [Face] = []
        var facetSets: [Bits] = []
        var seen: Set<[Int]> = []
        do {
            func face(_ set: Bits) throws(Geometry.Overflow) -> Face {
                Face(termIndices: geometry.points(onAll: set).members, vertexIndices: [],
                     normal: try geometry.normal(of: set),
                     dimension: d - (try Geometry.rank(set.members.map { geometry.facets[$0].normal })))
            }
            for v in vertices {
                let f = try face(geometry.facetsThrough[v])
                faces.append(f)
                facetSets.append(geometry.facetsThrough[v])
                seen.insert(f.termIndices)
            }
            // Every compact face of dimension k + 1 is the smallest compact face
            // containing one of its compact facets and one more vertex; the
            // smallest face containing a set is cut out by the facets through it.
            var vertexMask = Bits(count: exponents.count)
            for v in vertices { vertexMask.insert(v) }
            var next = 0
            while next < faces.count {
                let current = faces[next], through = facetSets[next]
                next += 1
                // Only vertices sharing a facet with the face can extend it.
                var candidates = Bits(count: exponents.count)
                for f in through.members { candidates.formUnion(geometry.onFacet[f]) }
                candidates.formIntersection(vertexMask)
                for i in current.termIndices where candidates.contains(i) { candidates.remove(i) }
                for v in candidates.members {
                    let set = through.intersection(geometry.facetsThrough[v])
                    guard !set.isEmpty, geometry.coversAllCoordinates(set) else { continue }
                    let terms = geometry.points(onAll: set).members
                    guard !seen.contains(terms) else { continue }
                    seen.insert(terms)
                    faces.append(try face(set))
                    facetSets.append(set)
                    if faces.count > Self.maximumFaceCount { throw NewtonPolyhedronError.tooManyFaces(Self.maximumFaceCount) }
                }
            }
        } catch let error as NewtonPolyhedronError {
            throw error
        } catch {
            throw NewtonPolyhedronError.overflow
        }
        self.vertexIndices = vertices
        let isVertex = Set(vertices)
        for k in faces.indices { faces[k].vertexIndices = faces[k].termIndices.filter(isVertex.contains) }
        self.compactFaces = faces.sorted {
            ($0.dimension, $0.termIndices.count) != ($1.dimension, $1.termIndices.count)
                ? ($0.dimension, $0.termIndices.count) < ($1.dimension, $1.termIndices.count)
                : $0.termIndices.lexicographicallyPrecedes($1.termIndices)
        }
        self.geometry = geometry
    }

    /// The smallest t ≥ 0 with t·weights ∈ P, and the face of P (compact or not)
    /// whose relative interior contains t·weights, with its codimension. For the
    /// Newton polyhedron method, weights = h + 1 for a prior ∝ ∏|w_i|^(h_i).
    public func diagonalHit(weights: [Int]) throws(NewtonPolyhedronError) -> DiagonalHit {
        guard weights.count == dimension else {
            throw NewtonPolyhedronError.invalidInput("expected \(dimension) weights (one per variable), got \(weights.count)")
        }
        if let j = weights.firstIndex(where: { $0 <= 0 }) {
            throw NewtonPolyhedronError.invalidInput("weight \(j + 1) is \(weights[j]), expected a positive integer")
        }
        do {
            return try geometry.diagonalHit(weights: weights)
        } catch {
            throw NewtonPolyhedronError.overflow
        }
    }
}

/// Why a Newton polyhedron could not be computed.
public enum NewtonPolyhedronError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The zero polynomial has no Newton polyhedron.
    case empty
    case invalidInput(String)
    /// Exact arithmetic left the 64-bit range.
    case overflow
    /// More compact faces than `NewtonPolyhedron.maximumFaceCount`.
    case tooManyFaces(Int)
    /// More variables or more work than the exact computation is bounded to.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .empty: return "the zero polynomial has no Newton polyhedron"
        case let .invalidInput(reason): return "Newton polyhedron: \(reason)"
        case .overflow: return "Newton polyhedron: exact arithmetic overflowed 64-bit integers (exponents too large)"
        case let .tooManyFaces(n): return "Newton polyhedron: more than \(n) compact faces"
        case let .tooLarge(reason): return "Newton polyhedron: \(reason)"
        }
    }
}
