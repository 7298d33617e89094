// Newton polyhedra of polynomials, computed exactly.

/// The Newton polyhedron P = conv{α : c_α ≠ 0} + R^d_+ of a polynomial, in any
/// dimension d, computed exactly.
///
/// Method: every question is a small linear program over ``Rational`` solved by
/// an exact simplex (``RationalLinearProgram``, Bland's rule). The minimal face
/// with a strictly positive normal containing a set S of exponents comes from
/// the LP "a ≥ 1, a·p = c on S, a·p ≥ c + s_p off S, 0 ≤ s_p ≤ 1, maximise
/// Σ s_p": by scaling, every exponent not on that face reaches s_p = 1. An
/// exponent is a vertex iff its minimal face is itself. Compact faces are
/// enumerated upward from the vertices: each compact face of dimension k + 1 is
/// the minimal face containing a compact face of dimension k and one more vertex.
public struct NewtonPolyhedron: Sendable, Hashable {
    /// Coordinate order of the exponent vectors.
    public let variables: [String]
    /// The exponent vectors of the polynomial's terms, indexed like `terms`.
    public let exponents: [[Int]]
    /// Indices (into `exponents`) of the vertices of P, ascending.
    public let vertexIndices: [Int]

    /// The Newton polyhedron of `polynomial` over its own variables.
    public init(_ polynomial: Polynomial) {
        self.init(checked: polynomial.exponents(over: polynomial.variables)!, variables: polynomial.variables)
    }

    /// The Newton polyhedron over an explicit variable order (which may
    /// include variables absent from the polynomial: K = w1² in (w1, w2)).
    public init(_ polynomial: Polynomial, variables: [String]) throws(PolynomialVariableError) {
        try PolynomialVariableError.check(polynomial, variables)
        self.init(checked: polynomial.exponents(over: variables)!, variables: variables)
    }

    init(checked exponents: [[Int]], variables: [String]) {
        self.variables = variables
        self.exponents = exponents
        var vertices: [Int] = []
        for k in exponents.indices {
            if let face = NewtonPolyhedron.minimalCompactFace(containing: [k], exponents, dimension: variables.count),
               face.termIndices == [k] {
                vertices.append(k)
            }
        }
        self.vertexIndices = vertices
    }

    /// The number of coordinates d.
    public var dimension: Int { variables.count }

    /// The exponent vectors that are vertices of P.
    public var vertices: [[Int]] { vertexIndices.map { exponents[$0] } }

    /// Every compact face (vertices, edges, …, compact facets), sorted by
    /// dimension and then by term indices. Computed on each access.
    public var compactFaces: [NewtonFace] {
        let d = dimension
        var seen = Set<[Int]>()
        var faces: [NewtonFace] = []
        var frontier: [NewtonFace] = []
        for v in vertexIndices {
            if let face = NewtonPolyhedron.minimalCompactFace(containing: [v], exponents, dimension: d) {
                seen.insert(face.termIndices)
                frontier.append(face)
            }
        }
        while !frontier.isEmpty {
            faces += frontier
            var next: [NewtonFace] = []
            for face in frontier {
                for v in vertexIndices where !face.termIndices.contains(v) {
                    guard let larger = NewtonPolyhedron.minimalCompactFace(
                        containing: face.termIndices + [v], exponents, dimension: d) else { continue }
                    if seen.insert(larger.termIndices).inserted { next.append(larger) }
                }
            }
            frontier = next
        }
        return faces.sorted {
            $0.dimension != $1.dimension ? $0.dimension < $1.dimension
                : $0.termIndices.lexicographicallyPrecedes($1.termIndices)
        }
    }

    /// The smallest face of P with a strictly positive normal that contains the
    /// exponents at `indices`, or nil if no compact face contains them all.
    static func minimalCompactFace(containing indices: [Int], _ points: [[Int]], dimension d: Int) -> NewtonFace? {
        let inSet = Set(indices)
        let others = points.indices.filter { !inSet.contains($0) }
        let p0 = points[indices[0]]
        // Unknowns: a'_i = a_i − 1 ≥ 0 (i < d), then s_k for k in `others`.
        let n = d + others.count
        var objective = [Rational](repeating: .zero, count: n)
        for k in 0..<others.count { objective[d + k] = .one }
        var lp = RationalLinearProgram(variableCount: n, maximize: objective)
        func differenceRow(_ p: [Int]) -> ([Rational], Rational) {
            var row = [Rational](repeating: .zero, count: n)
            var sum = 0
            for i in 0..<d { row[i] = Rational(p[i] - p0[i]); sum += p[i] - p0[i] }
            return (row, Rational(-sum))
        }
        for k in inSet where k != indices[0] {
            let (row, bound) = differenceRow(points[k])
            lp.add(row, .equal, bound)
        }
        for (slot, k) in others.enumerated() {
            var (row, bound) = differenceRow(points[k])
            row[d + slot] = -.one
            lp.add(row, .greaterOrEqual, bound)
            var cap = [Rational](repeating: .zero, count: n)
            cap[d + slot] = .one
            lp.add(cap, .lessOrEqual, .one)
        }
        guard case .optimal(_, let x) = lp.solve() else { return nil }
        let normal = (0..<d).map { x[$0] + .one }
        return face(normal: normal, points: points)
    }

    /// The face {x ∈ P : a·x = min_P a·x} for a normal a ≥ 0, a ≠ 0.
    static func face(normal a: [Rational], points: [[Int]]) -> NewtonFace {
        let d = a.count
        let values = points.map { p in (0..<d).reduce(Rational.zero) { $0 + a[$1] * Rational(p[$1]) } }
        let minimum = values.min()!
        let on = points.indices.filter { values[$0] == minimum }
        let integerNormal = primitiveIntegerVector(a)
        let unbounded = (0..<d).filter { a[$0] == .zero }
        // dim = rank{p − p0 : p on γ} ∪ {e_i : a_i = 0}.
        var spanning: [[Rational]] = on.dropFirst().map { k in (0..<d).map { Rational(points[k][$0] - points[on[0]][$0]) } }
        for i in unbounded {
            var e = [Rational](repeating: .zero, count: d)
            e[i] = .one
            spanning.append(e)
        }
        let dim = rank(spanning, columns: d)
        let support = (0..<d).reduce(0) { $0 + integerNormal[$1] * points[on[0]][$1] }
        return NewtonFace(termIndices: on, exponents: on.map { points[$0] }, normal: integerNormal,
                          supportValue: support, unboundedDirections: unbounded, dimension: dim, codimension: d - dim)
    }

    /// The positive multiple of a non-negative rational vector with coprime integer entries.
    static func primitiveIntegerVector(_ a: [Rational]) -> [Int] {
        var lcm = 1
        for x in a where x != .zero { lcm = lcm / Rational.gcd(lcm, x.denominator) * x.denominator }
        let scaled = a.map { ($0 * Rational(lcm)).numerator }
        let g = scaled.reduce(0) { gcdOrZero($0, $1) }
        return g > 1 ? scaled.map { $0 / g } : scaled
    }

    private static func gcdOrZero(_ a: Int, _ b: Int) -> Int {
        var x = abs(a), y = abs(b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// Rank of a list of rational row vectors, by exact Gaussian elimination.
    static func rank(_ rows: [[Rational]], columns: Int) -> Int {
        var m = rows
        var rank = 0
        for c in 0..<columns where rank < m.count {
            guard let pivot = (rank..<m.count).first(where: { m[$0][c] != .zero }) else { continue }
            m.swapAt(rank, pivot)
            for i in (rank + 1)..<m.count where m[i][c] != .zero {
                let f = m[i][c] / m[rank][c]
                for j in c..<columns { m[i][j] -= f * m[rank][j] }
            }
            rank += 1
        }
        return rank
    }
}
