extension NewtonPolyhedron {
    /// The linear programs behind the polyhedron, on exponent vectors A ⊂ Z^d_{≥0}.
    ///
    /// Faces of P = conv A + R^d_+ are argmin sets of u·x for u ≥ 0; a face is
    /// compact iff some u > 0 (equivalently, by homogeneity, some u ≥ 1) exposes
    /// it. The smallest face containing a set is found with one LP that pushes
    /// every inequality that can be strict to a slack of exactly 1.
    struct Geometry {
        let points: [[Int]]
        var d: Int { points[0].count }

        /// The smallest compact face containing the points `set` (term indices),
        /// or nil if no compact face contains them all. `vertexIndices` is left empty.
        func smallestCompactFace(containing set: [Int]) throws(RationalSimplex.Overflow) -> Face? {
            let s0 = points[set[0]]
            let others = points.indices.filter { !set.contains($0) }
            // Variables: y (d) with u = 1 + y, then r_b for every b ∉ set.
            var lp = RationalSimplex(variableCount: d + others.count)
            for s in set.dropFirst() {
                let diff = zip(points[s], s0).map { $0 - $1 }
                var row = [Rational](repeating: .zero, count: d + others.count)
                for i in 0..<d { row[i] = Rational(diff[i]) }
                lp.add(row, .equal, Rational(-diff.reduce(0, +)))
            }
            for (k, b) in others.enumerated() {
                // r_b ≤ u·(b − s0) = Σ(b − s0) + y·(b − s0), and r_b ≤ 1.
                let diff = zip(points[b], s0).map { $0 - $1 }
                var row = [Rational](repeating: .zero, count: d + others.count)
                for i in 0..<d { row[i] = Rational(-diff[i]) }
                row[d + k] = .one
                lp.add(row, .lessOrEqual, Rational(diff.reduce(0, +)))
                var cap = [Rational](repeating: .zero, count: d + others.count)
                cap[d + k] = .one
                lp.add(cap, .lessOrEqual, .one)
            }
            var objective = [Rational](repeating: .zero, count: d + others.count)
            for k in others.indices { objective[d + k] = .one }
            guard case let .optimal(_, x) = try lp.maximize(objective) else { return nil }
            let forced = others.indices.filter { x[d + $0] == .zero }.map { others[$0] }
            let onFace = (set + forced).sorted()
            let u = try (0..<d).map { i throws(RationalSimplex.Overflow) in try x[i].plus(.one) }
            return Face(termIndices: onFace, vertexIndices: [], normal: try Self.primitive(u),
                        dimension: try Self.rank(onFace.map { points[$0] }, extraDirections: []))
        }

        /// LP 1: t = min{t : Σλ_a a ≤ t·w, Σλ_a = 1, λ ≥ 0}. LP 2: a normal u in
        /// the relative interior of the normal cone {u ≥ 0 : u·a ≥ u·p ∀a} at p = t·w.
        func diagonalHit(weights w: [Int]) throws(RationalSimplex.Overflow) -> DiagonalHit {
            let n = points.count
            // Variables λ (n), then t.
            var lp1 = RationalSimplex(variableCount: n + 1)
            lp1.add([Rational](repeating: .one, count: n) + [.zero], .equal, .one)
            for i in 0..<d {
                var row = points.map { Rational($0[i]) }
                row.append(Rational(-w[i]))
                lp1.add(row, .lessOrEqual, .zero)
            }
            var minusT = [Rational](repeating: .zero, count: n + 1)
            minusT[n] = -Rational.one
            guard case let .optimal(_, x1) = try lp1.maximize(minusT) else {
                preconditionFailure("the diagonal always meets a non-empty Newton polyhedron")
            }
            let t = x1[n]
            let p = try w.map { wi throws(RationalSimplex.Overflow) in try t.times(Rational(wi)) }

            // Variables u (d), s (d), r (n): s_i ≤ min(u_i, 1), r_a ≤ min(u·(a − p), 1).
            let count = 2 * d + n
            var lp2 = RationalSimplex(variableCount: count)
            for i in 0..<d {
                var row = [Rational](repeating: .zero, count: count)
                row[d + i] = .one
                row[i] = -Rational.one
                lp2.add(row, .lessOrEqual, .zero)
                var cap = [Rational](repeating: .zero, count: count)
                cap[d + i] = .one
                lp2.add(cap, .lessOrEqual, .one)
            }
            for (k, a) in points.enumerated() {
                var row = [Rational](repeating: .zero, count: count)
                for i in 0..<d { row[i] = try -(Rational(a[i]).minus(p[i])) }
                row[2 * d + k] = .one
                lp2.add(row, .lessOrEqual, .zero)
                var cap = [Rational](repeating: .zero, count: count)
                cap[2 * d + k] = .one
                lp2.add(cap, .lessOrEqual, .one)
            }
            var objective = [Rational](repeating: .zero, count: count)
            for j in d..<count { objective[j] = .one }
            guard case let .optimal(_, x2) = try lp2.maximize(objective) else {
                preconditionFailure("the normal-cone program is feasible (u = 0) and bounded (capped slacks)")
            }
            let u = Array(x2[0..<d])
            let recession = (0..<d).filter { x2[d + $0] == .zero }
            let onFace = (0..<n).filter { x2[2 * d + $0] == .zero }
            let directions = recession.map { i in (0..<d).map { $0 == i ? 1 : 0 } }
            let faceDimension = try Self.rank(onFace.map { points[$0] }, extraDirections: directions)
            return DiagonalHit(t: t, point: p, termIndices: onFace, normal: try Self.primitive(u),
                               codimension: d - faceDimension, isCompact: recession.isEmpty)
        }

        /// The smallest positive integer multiple of a rational vector.
        static func primitive(_ v: [Rational]) throws(RationalSimplex.Overflow) -> [Int] {
            var lcm = 1
            for x in v {
                let g = Rational.gcd(lcm, x.denominator)
                let (m, o) = (lcm / g).multipliedReportingOverflow(by: x.denominator)
                if o { throw RationalSimplex.Overflow() }
                lcm = m
            }
            var ints: [Int] = []
            for x in v {
                let (m, o) = x.numerator.multipliedReportingOverflow(by: lcm / x.denominator)
                if o { throw RationalSimplex.Overflow() }
                ints.append(m)
            }
            var g = 0
            for x in ints { g = g == 0 ? abs(x) : Rational.gcd(g, x) }
            return g > 1 ? ints.map { $0 / g } : ints
        }

        /// dim of aff(points) + span(directions), by exact Gaussian elimination.
        static func rank(_ pts: [[Int]], extraDirections: [[Int]]) throws(RationalSimplex.Overflow) -> Int {
            guard let base = pts.first else { return 0 }
            var rows: [[Rational]] = pts.dropFirst().map { zip($0, base).map { Rational($0 - $1) } }
            rows += extraDirections.map { $0.map { Rational($0) } }
            var rank = 0
            let width = base.count
            for column in 0..<width {
                guard let pivot = (rank..<rows.count).first(where: { rows[$0][column] != .zero }) else { continue }
                rows.swapAt(rank, pivot)
                for i in (rank + 1)..<rows.count where rows[i][column] != .zero {
                    let f = try rows[i][column].dividedBy(rows[rank][column])
                    for j in column..<width { rows[i][j] = try rows[i][j].minus(try f.times(rows[rank][j])) }
                }
                rank += 1
            }
            return rank
        }
    }
}
