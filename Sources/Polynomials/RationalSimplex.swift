// A small dense two-phase simplex method in exact rational arithmetic.

/// A linear program `maximize cᵀx subject to rows (≤ | = | ≥) b, x ≥ 0`, solved
/// exactly over ``Rational`` by the two-phase tableau simplex method with
/// Bland's rule (smallest-index entering and leaving variables), which cannot
/// cycle (Bland 1977). Meant for the Newton-polyhedron problems of this
/// module: tens of variables and rows, small integer data, so the tableau's
/// entries (ratios of small sub-determinants) stay far from `Int` overflow.
struct RationalLinearProgram {
    enum Relation { case lessOrEqual, equal, greaterOrEqual }

    struct Row {
        var coefficients: [Rational]
        var relation: Relation
        var bound: Rational
    }

    enum Outcome: Equatable {
        case optimal(value: Rational, solution: [Rational])
        case infeasible
        case unbounded
    }

    var variableCount: Int
    var objective: [Rational]
    var rows: [Row] = []

    init(variableCount: Int, maximize objective: [Rational]) {
        self.variableCount = variableCount
        self.objective = objective
    }

    mutating func add(_ coefficients: [Rational], _ relation: Relation, _ bound: Rational) {
        rows.append(Row(coefficients: coefficients, relation: relation, bound: bound))
    }

    /// Solves the program.
    func solve() -> Outcome {
        let n = variableCount, m = rows.count
        // Normalise to non-negative right-hand sides.
        var normalised = rows
        for i in 0..<m where normalised[i].bound < .zero {
            normalised[i].coefficients = normalised[i].coefficients.map { -$0 }
            normalised[i].bound = -normalised[i].bound
            switch normalised[i].relation {
            case .lessOrEqual: normalised[i].relation = .greaterOrEqual
            case .greaterOrEqual: normalised[i].relation = .lessOrEqual
            case .equal: break
            }
        }
        // Columns: originals, one slack/surplus per inequality, one artificial per ≥ or = row.
        let slackCount = normalised.filter { $0.relation != .equal }.count
        let artificialCount = normalised.filter { $0.relation != .lessOrEqual }.count
        let columns = n + slackCount + artificialCount
        let firstArtificial = n + slackCount
        var tableau = Tableau(rows: m, columns: columns)
        var nextSlack = n, nextArtificial = firstArtificial
        for (i, row) in normalised.enumerated() {
            for j in 0..<n { tableau[i, j] = row.coefficients[j] }
            tableau[i, columns] = row.bound
            switch row.relation {
            case .lessOrEqual:
                tableau[i, nextSlack] = .one
                tableau.basis[i] = nextSlack
                nextSlack += 1
            case .greaterOrEqual:
                tableau[i, nextSlack] = -.one
                nextSlack += 1
                tableau[i, nextArtificial] = .one
                tableau.basis[i] = nextArtificial
                nextArtificial += 1
            case .equal:
                tableau[i, nextArtificial] = .one
                tableau.basis[i] = nextArtificial
                nextArtificial += 1
            }
        }
        // Phase 1: maximise −Σ artificials.
        if artificialCount > 0 {
            var cost = [Rational](repeating: .zero, count: columns)
            for j in firstArtificial..<columns { cost[j] = -.one }
            guard tableau.optimise(cost: cost, allowed: columns) else { return .infeasible }  // cannot happen: bounded by 0
            if tableau.objectiveValue(cost) != .zero { return .infeasible }
            // Drive artificials at level zero out of the basis where possible.
            for i in 0..<m where tableau.basis[i] >= firstArtificial {
                if let j = (0..<firstArtificial).first(where: { tableau[i, $0] != .zero }) {
                    tableau.pivot(row: i, column: j)
                }
            }
        }
        // Phase 2: the real objective over the non-artificial columns.
        var cost = [Rational](repeating: .zero, count: columns)
        for j in 0..<n { cost[j] = objective[j] }
        guard tableau.optimise(cost: cost, allowed: firstArtificial) else { return .unbounded }
        var solution = [Rational](repeating: .zero, count: n)
        for i in 0..<m where tableau.basis[i] < n { solution[tableau.basis[i]] = tableau[i, columns] }
        return .optimal(value: tableau.objectiveValue(cost), solution: solution)
    }

    /// Dense tableau: `rows × (columns + 1)`, the last column the right-hand side.
    struct Tableau {
        let rowCount: Int, columnCount: Int
        var entries: [Rational]
        var basis: [Int]

        init(rows: Int, columns: Int) {
            rowCount = rows
            columnCount = columns
            entries = [Rational](repeating: .zero, count: rows * (columns + 1))
            basis = [Int](repeating: -1, count: rows)
        }

        subscript(i: Int, j: Int) -> Rational {
            get { entries[i * (columnCount + 1) + j] }
            set { entries[i * (columnCount + 1) + j] = newValue }
        }

        func objectiveValue(_ cost: [Rational]) -> Rational {
            var z = Rational.zero
            for i in 0..<rowCount where self[i, columnCount] != .zero { z += cost[basis[i]] * self[i, columnCount] }
            return z
        }

        mutating func pivot(row r: Int, column c: Int) {
            let p = self[r, c]
            for j in 0...columnCount where self[r, j] != .zero { self[r, j] = self[r, j] / p }
            for i in 0..<rowCount where i != r {
                let f = self[i, c]
                if f == .zero { continue }
                for j in 0...columnCount where self[r, j] != .zero { self[i, j] = self[i, j] - f * self[r, j] }
            }
            basis[r] = c
        }

        /// Maximises `cost` over columns `0..<allowed` with Bland's rule.
        /// Returns false if the objective is unbounded.
        mutating func optimise(cost: [Rational], allowed: Int) -> Bool {
            while true {
                // Entering: the smallest index with a positive reduced cost c_j − c_Bᵀ B⁻¹ A_j.
                var entering = -1
                for j in 0..<allowed {
                    var reduced = cost[j]
                    for i in 0..<rowCount where self[i, j] != .zero { reduced -= cost[basis[i]] * self[i, j] }
                    if reduced > .zero { entering = j; break }
                }
                if entering < 0 { return true }
                // Leaving: minimum ratio, ties broken by the smallest basic index.
                var leaving = -1
                var best = Rational.zero
                for i in 0..<rowCount where self[i, entering] > .zero {
                    let ratio = self[i, columnCount] / self[i, entering]
                    if leaving < 0 || ratio < best || (ratio == best && basis[i] < basis[leaving]) {
                        leaving = i
                        best = ratio
                    }
                }
                if leaving < 0 { return false }
                pivot(row: leaving, column: entering)
            }
        }
    }
}
