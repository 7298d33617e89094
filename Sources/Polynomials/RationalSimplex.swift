/// An exact linear program solver over `Rational`: maximize c·x subject to
/// rows a_i·x (≤ | = | ≥) b_i and x ≥ 0, by the two-phase dense tableau
/// simplex method with Bland's rule (lowest-index entering and leaving
/// variables), which cannot cycle (Bland 1977). Every arithmetic step checks
/// for 64-bit overflow and throws `RationalSimplex.Overflow` instead of
/// giving a wrong answer.
///
/// Sized for Newton polyhedra of the toolkit's polynomials: tens of variables
/// and constraints.
struct RationalSimplex: Sendable {
    enum Relation: Sendable { case lessOrEqual, equal, greaterOrEqual }

    struct Constraint: Sendable {
        var coefficients: [Rational]
        var relation: Relation
        var bound: Rational
    }

    enum Outcome: Sendable, Equatable {
        /// The optimum value and an optimal x (the first `variableCount` entries).
        case optimal(value: Rational, x: [Rational])
        case infeasible
        case unbounded
    }

    struct Overflow: Error, Sendable {}

    let variableCount: Int
    var constraints: [Constraint] = []

    init(variableCount: Int) { self.variableCount = variableCount }

    mutating func add(_ coefficients: [Rational], _ relation: Relation, _ bound: Rational) {
        constraints.append(Constraint(coefficients: coefficients, relation: relation, bound: bound))
    }

    /// Maximizes objective·x over the constraints, x ≥ 0.
    func maximize(_ objective: [Rational]) throws(Overflow) -> Outcome {
        let n = variableCount
        // Columns: x (n), then one slack/surplus per inequality, then artificials.
        var slackCount = 0, artificialCount = 0
        for c in constraints {
            switch c.relation {
            case .lessOrEqual:
                if c.bound >= .zero { slackCount += 1 } else { slackCount += 1; artificialCount += 1 }
            case .greaterOrEqual:
                if c.bound > .zero { slackCount += 1; artificialCount += 1 } else { slackCount += 1 }
            case .equal:
                artificialCount += 1
            }
        }
        let columns = n + slackCount + artificialCount
        let firstArtificial = n + slackCount
        var rows: [[Rational]] = []
        var basis: [Int] = []
        var nextSlack = n, nextArtificial = firstArtificial
        for c in constraints {
            var row = [Rational](repeating: .zero, count: columns + 1)
            // Normalise to a non-negative right-hand side.
            let flip = c.bound < .zero
            for j in 0..<n { row[j] = flip ? -c.coefficients[j] : c.coefficients[j] }
            row[columns] = flip ? -c.bound : c.bound
            var relation = c.relation
            if flip {
                relation = relation == .lessOrEqual ? .greaterOrEqual : relation == .greaterOrEqual ? .lessOrEqual : .equal
            }
            switch relation {
            case .lessOrEqual:
                row[nextSlack] = .one
                basis.append(nextSlack)
                nextSlack += 1
            case .greaterOrEqual:
                row[nextSlack] = -Rational.one
                nextSlack += 1
                if row[columns] == .zero {
                    // −a·x ≤ 0: the negated row takes its surplus as a basic slack.
                    for j in 0..<columns { row[j] = -row[j] }
                    basis.append(nextSlack - 1)
                } else {
                    row[nextArtificial] = .one
                    basis.append(nextArtificial)
                    nextArtificial += 1
                }
            case .equal:
                row[nextArtificial] = .one
                basis.append(nextArtificial)
                nextArtificial += 1
            }
            rows.append(row)
        }
        var tableau = Tableau(rows: rows, basis: basis, columns: columns)

        // Phase 1: maximize −Σ artificials.
        if artificialCount > 0 {
            var phase1 = [Rational](repeating: .zero, count: columns)
            for j in firstArtificial..<columns { phase1[j] = -Rational.one }
            guard try tableau.optimize(phase1, allowed: columns) else { return .infeasible }
            if try tableau.value(phase1) < .zero { return .infeasible }
            // Drive artificials out of the basis; drop redundant rows.
            var i = 0
            while i < tableau.rows.count {
                if tableau.basis[i] >= firstArtificial {
                    if let j = (0..<firstArtificial).first(where: { tableau.rows[i][$0] != .zero }) {
                        try tableau.pivot(row: i, column: j)
                    } else {
                        tableau.rows.remove(at: i)
                        tableau.basis.remove(at: i)
                        continue
                    }
                }
                i += 1
            }
        }
        // Phase 2 over the original and slack columns only.
        var cost = [Rational](repeating: .zero, count: columns)
        for j in 0..<n { cost[j] = objective[j] }
        guard try tableau.optimize(cost, allowed: firstArtificial) else { return .unbounded }
        var x = [Rational](repeating: .zero, count: n)
        for (i, b) in tableau.basis.enumerated() where b < n { x[b] = tableau.rows[i][columns] }
        return .optimal(value: try tableau.value(cost), x: x)
    }

    /// The dense tableau: rows with the right-hand side last, and the basic column of each row.
    struct Tableau {
        var rows: [[Rational]]
        var basis: [Int]
        let columns: Int

        func value(_ cost: [Rational]) throws(Overflow) -> Rational {
            var v = Rational.zero
            for (i, b) in basis.enumerated() { v = try v.plus(try cost[b].times(rows[i][columns])) }
            return v
        }

        mutating func pivot(row r: Int, column c: Int) throws(Overflow) {
            let p = rows[r][c]
            for j in 0...columns where rows[r][j] != .zero { rows[r][j] = try rows[r][j].dividedBy(p) }
            for i in rows.indices where i != r {
                let f = rows[i][c]
                if f == .zero { continue }
                for j in 0...columns where rows[r][j] != .zero {
                    rows[i][j] = try rows[i][j].minus(try f.times(rows[r][j]))
                }
            }
            basis[r] = c
        }

        /// Bland's rule on columns < `allowed`; false if unbounded.
        mutating func optimize(_ cost: [Rational], allowed: Int) throws(Overflow) -> Bool {
            while true {
                // Reduced cost of column j: c_j − Σ_i c_{B(i)} a_ij.
                var entering: Int?
                for j in 0..<allowed where !basis.contains(j) {
                    var reduced = cost[j]
                    for (i, b) in basis.enumerated() where cost[b] != .zero && rows[i][j] != .zero {
                        reduced = try reduced.minus(try cost[b].times(rows[i][j]))
                    }
                    if reduced > .zero { entering = j; break }
                }
                guard let c = entering else { return true }
                var leaving: Int?
                var best = Rational.zero
                for i in rows.indices where rows[i][c] > .zero {
                    let ratio = try rows[i][columns].dividedBy(rows[i][c])
                    if leaving == nil || ratio < best || (ratio == best && basis[i] < basis[leaving!]) {
                        leaving = i
                        best = ratio
                    }
                }
                guard let r = leaving else { return false }
                try pivot(row: r, column: c)
            }
        }
    }
}

extension Rational {
    /// Overflow-checked arithmetic for the exact geometry.
    func plus(_ b: Rational) throws(RationalSimplex.Overflow) -> Rational {
        let g = Rational.gcd(denominator, b.denominator)
        let n = try Self.add(try Self.mul(numerator, b.denominator / g), try Self.mul(b.numerator, denominator / g))
        return Rational(n, try Self.mul(denominator / g, b.denominator))
    }
    func minus(_ b: Rational) throws(RationalSimplex.Overflow) -> Rational {
        try plus(Rational(-b.numerator, b.denominator))
    }
    func times(_ b: Rational) throws(RationalSimplex.Overflow) -> Rational {
        let g1 = Rational.gcd(numerator, b.denominator), g2 = Rational.gcd(b.numerator, denominator)
        return Rational(try Self.mul(numerator / g1, b.numerator / g2), try Self.mul(denominator / g2, b.denominator / g1))
    }
    func dividedBy(_ b: Rational) throws(RationalSimplex.Overflow) -> Rational {
        try times(Rational(b.denominator, b.numerator))
    }
    private static func mul(_ a: Int, _ b: Int) throws(RationalSimplex.Overflow) -> Int {
        let (v, o) = a.multipliedReportingOverflow(by: b)
        if o { throw RationalSimplex.Overflow() }
        return v
    }
    private static func add(_ a: Int, _ b: Int) throws(RationalSimplex.Overflow) -> Int {
        let (v, o) = a.addingReportingOverflow(b)
        if o { throw RationalSimplex.Overflow() }
        return v
    }
}
