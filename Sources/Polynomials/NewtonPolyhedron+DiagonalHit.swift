// Where the weighted diagonal meets a Newton polyhedron.

extension NewtonPolyhedron {
    /// The smallest t with t·(h_1+1, …, h_d+1) ∈ P, the face of P whose relative
    /// interior contains that point, and its codimension. For a non-degenerate K
    /// and prior φ ∝ Π|w_i|^{h_i} (φ(0) > 0 when h = 0), λ = 1/t and
    /// m = codimension (Varchenko 1976; S. Lin, PhD thesis, UC Berkeley 2011).
    ///
    /// Two exact LPs: (1) minimise t over convex weights μ with Σ μ_k α_k ≤ t(h+1);
    /// (2) over normals a ≥ 0 supporting P at q = t(h+1) (a·α_k ≥ a·q), maximise
    /// the number of exponents strictly above and of coordinates with a_i > 0
    /// (slacks capped at 1); the optimum is a normal in the relative interior of
    /// the normal cone of the minimal face containing q.
    ///
    /// - Parameter h: prior exponents, one non-negative integer per variable
    ///   (default all zero).
    /// - Returns: nil for the zero polynomial, or if `h` has the wrong length or
    ///   a negative entry.
    public func diagonalHit(weights h: [Int]? = nil) -> DiagonalHit? {
        let d = dimension
        let h = h ?? [Int](repeating: 0, count: d)
        guard !exponents.isEmpty, h.count == d, h.allSatisfy({ $0 >= 0 }) else { return nil }
        let v = h.map { Rational($0 + 1) }
        let points = exponents
        let count = points.count

        // (1) Unknowns μ_0 … μ_{N−1}, t. Maximise −t.
        var objective = [Rational](repeating: .zero, count: count + 1)
        objective[count] = -.one
        var first = RationalLinearProgram(variableCount: count + 1, maximize: objective)
        first.add([Rational](repeating: .one, count: count) + [.zero], .equal, .one)
        for i in 0..<d {
            var row = points.map { Rational(-$0[i]) }
            row.append(v[i])
            first.add(row, .greaterOrEqual, .zero)
        }
        guard case .optimal(let negativeT, _) = first.solve() else { return nil }
        let t = -negativeT
        let q = v.map { t * $0 }

        // (2) Unknowns a_0 … a_{d−1}, u_0 … u_{d−1}, s_0 … s_{N−1}. Maximise Σu + Σs.
        let n = 2 * d + count
        var second = RationalLinearProgram(variableCount: n,
                                           maximize: [Rational](repeating: .zero, count: d)
                                               + [Rational](repeating: .one, count: d + count))
        func unit(_ j: Int) -> [Rational] {
            var e = [Rational](repeating: .zero, count: n)
            e[j] = .one
            return e
        }
        for (k, p) in points.enumerated() {
            var row = [Rational](repeating: .zero, count: n)
            for i in 0..<d { row[i] = Rational(p[i]) - q[i] }
            row[2 * d + k] = -.one
            second.add(row, .greaterOrEqual, .zero)
            second.add(unit(2 * d + k), .lessOrEqual, .one)
        }
        for i in 0..<d {
            var row = unit(i)
            row[d + i] = -.one
            second.add(row, .greaterOrEqual, .zero)
            second.add(unit(d + i), .lessOrEqual, .one)
        }
        guard case .optimal(_, let x) = second.solve() else { return nil }
        let normal = Array(x[0..<d])
        let face: NewtonFace
        if normal.allSatisfy({ $0 == .zero }) {
            // Only when q is interior, which minimality of t excludes; kept total.
            face = NewtonFace(termIndices: Array(points.indices), exponents: points,
                              normal: [Int](repeating: 0, count: d), supportValue: 0,
                              unboundedDirections: Array(0..<d), dimension: d, codimension: 0)
        } else {
            face = NewtonPolyhedron.face(normal: normal, points: points)
        }
        return DiagonalHit(t: t, point: q, face: face)
    }
}
