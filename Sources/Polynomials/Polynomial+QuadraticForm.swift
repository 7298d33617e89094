extension Polynomial {
    /// The signature of the quadratic part of a polynomial without constant
    /// or linear terms: Q₂(w) = wᵀAw, with p positive and q negative
    /// eigenvalues (Sylvester's law of inertia), rank p + q.
    public struct QuadraticSignature: Sendable, Hashable {
        public var positive: Int
        public var negative: Int
        /// Whether every term has degree 2 (the polynomial is its quadratic part).
        public var isExactlyQuadratic: Bool
        /// d, the number of variables.
        public var dimension: Int
        public var rank: Int { positive + negative }
    }

    /// The signature of the degree-2 part, or nil when the polynomial has a
    /// constant or linear term or no degree-2 term. Exact: symmetric Gaussian
    /// elimination over 64-bit rationals (Lagrange's reduction; a zero
    /// diagonal with a nonzero off-diagonal A_ij is first replaced through
    /// e_i ← e_i + e_j, so A_ii becomes 2A_ij). Throws `ExactOverflow` when a
    /// value leaves 64-bit rationals.
    public func quadraticSignature() throws(ExactOverflow) -> QuadraticSignature? {
        guard !terms.contains(where: { $0.degree < 2 }) else { return nil }
        let d = variables.count
        var a = [[Rational]](repeating: [Rational](repeating: .zero, count: d), count: d)
        var any = false
        for t in terms where t.degree == 2 {
            guard let c = t.exact.rational else { throw ExactOverflow() }
            let nonzero = t.exponents.indices.filter { t.exponents[$0] > 0 }
            any = true
            if nonzero.count == 1 {
                a[nonzero[0]][nonzero[0]] = c
            } else {
                let half = try Self.checked { () throws(RationalSimplex.Overflow) in try c.dividedBy(Rational(2)) }
                a[nonzero[0]][nonzero[1]] = half
                a[nonzero[1]][nonzero[0]] = half
            }
        }
        guard any else { return nil }
        var positive = 0, negative = 0
        var size = d
        while size > 0 {
            let k = size - 1
            // Pivot: a nonzero diagonal among 0…k, else make one from an off-diagonal entry.
            if let i = (0...k).first(where: { a[$0][$0] != .zero }) {
                swapIndex(&a, i, k)
            } else if let pair = offDiagonal(a, upTo: k) {
                let (i, j) = pair
                // e_i ← e_i + e_j: row i += row j, then column i += column j.
                for c in 0...k {
                    let (x, y) = (a[i][c], a[j][c])
                    a[i][c] = try Self.checked { () throws(RationalSimplex.Overflow) in try x.plus(y) }
                }
                for r in 0...k {
                    let (x, y) = (a[r][i], a[r][j])
                    a[r][i] = try Self.checked { () throws(RationalSimplex.Overflow) in try x.plus(y) }
                }
                swapIndex(&a, i, k)
            } else {
                break   // the remaining block is zero
            }
            let pivot = a[k][k]
            if pivot > .zero { positive += 1 } else { negative += 1 }
            for r in 0..<k where a[r][k] != .zero {
                let ark = a[r][k]
                let f = try Self.checked { () throws(RationalSimplex.Overflow) in try ark.dividedBy(pivot) }
                for c in 0..<k {
                    let (x, y) = (a[r][c], a[k][c])
                    a[r][c] = try Self.checked { () throws(RationalSimplex.Overflow) in try x.minus(try f.times(y)) }
                }
            }
            size = k
        }
        return QuadraticSignature(positive: positive, negative: negative,
                                  isExactlyQuadratic: terms.allSatisfy { $0.degree == 2 }, dimension: d)
    }

    /// A nonzero entry A_ij, i ≠ j, of the leading (k+1)×(k+1) block.
    private func offDiagonal(_ a: [[Rational]], upTo k: Int) -> (Int, Int)? {
        for i in 0...k { for j in 0...k where i != j && a[i][j] != .zero { return (i, j) } }
        return nil
    }

    private func swapIndex(_ a: inout [[Rational]], _ i: Int, _ k: Int) {
        guard i != k else { return }
        a.swapAt(i, k)
        for r in a.indices { a[r].swapAt(i, k) }
    }
}
