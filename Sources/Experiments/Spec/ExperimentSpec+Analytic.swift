import Analytic
import Polynomials

extension ExperimentSpec {
    /// The learning coefficient a theorem gives for this spec's model and
    /// truth, or a thrown error saying why none applies. The point is
    /// `llc.at`, else `truth.parameters`, else the origin.
    public func analyticCoefficient() throws -> LearningCoefficient {
        if truth?.global == true { return try globalCoefficient().coefficient }
        let point = llc?.at ?? truth?.parameters
        func named(_ variables: [String]) -> [String: Double] {
            guard let point else { return [:] }
            return Dictionary(uniqueKeysWithValues: zip(variables, point))
        }
        func parse(_ text: String, _ path: String) throws -> Polynomial {
            do { return try Polynomial(parsing: text) } catch { throw SpecError(path: path, "\(error)") }
        }
        switch model {
        case let .potential(k, variables, _):
            let poly = try parse(k, "model.k")
            return try NewtonPolyhedronMethod.potential(poly, at: named(variables ?? poly.variables))
        case let .polynomialRegression(q, variables, _):
            let poly = try parse(q, "model.q") - Polynomial(constant: truth?.a ?? 0)
            return try NewtonPolyhedronMethod.regressionOutput(poly, at: named(variables ?? poly.variables))
        case let .linearRegression(inputs, outputs, bias, _):
            return try Regular.coefficient(dimension: outputs * (inputs + (bias ? 1 : 0)))
        case let .reducedRankRegression(inputs, outputs, hidden, _):
            if let lower = nonnegativePriorLowerBounds(dimension: hidden * (inputs + outputs)), lower.allSatisfy({ $0 >= 0 }) {
                return try nonnegativeFactorization(inputs: inputs, outputs: outputs, hidden: hidden)
            }
            return try ReducedRankRegression(inputs: inputs, outputs: outputs, hidden: hidden, trueRank: truth?.rank ?? 0).coefficient()
        case let .deepLinearNetwork(widths, _):
            return try DeepLinearNetwork(widths: widths, trueRank: truth?.rank ?? 0).coefficient()
        case let .tanhNetwork(inputs, outputs, hidden, biases, _):
            guard inputs == 1, outputs == 1, !biases else {
                throw SpecError(path: "model", "the tanh theorem covers 1 input, 1 output and no biases; got \(inputs) in, \(outputs) out, biases \(biases)")
            }
            return try TanhNetwork(hidden: hidden, activeTrueUnits: truth?.activeUnits ?? 0).coefficient()
        case .reluNetwork:
            throw SpecError(path: "model.kind", "no theorem gives the learning coefficient of a ReLU network")
        case .mlp:
            throw SpecError(path: "model.kind", "no theorem gives the learning coefficient of a general MLP (tanhNetwork has one)")
        }
    }
}

extension ExperimentSpec {
    /// A uniform prior's lower bounds (nil for other priors).
    func nonnegativePriorLowerBounds(dimension d: Int) -> [Double]? {
        guard case let .uniform(lower, _)? = try? (prior ?? .standard).resolve(dimension: d) else { return nil }
        return lower
    }

    /// Reduced-rank regression with its prior on the non-negative orthant is
    /// non-negative matrix factorisation of the N×M product BA (Hayashi &
    /// Watanabe 2017). The true non-negative rank is `truth.rank`, or from
    /// `truth.parameters`: 0 for a zero product, H when the product has rank H
    /// (an N×M product of H columns has non-negative rank ≤ H).
    func nonnegativeFactorization(inputs M: Int, outputs N: Int, hidden H: Int) throws -> LearningCoefficient {
        var h0 = truth?.rank ?? 0
        var positive = false
        if let w = truth?.parameters {
            guard w.count == H * (M + N) else {
                throw SpecError(path: "truth.parameters", "expected \(H * (M + N)) numbers (A then B), got \(w.count)")
            }
            positive = w.allSatisfy { $0 > 0 }
            // C = B A (N×M), A: H×M then B: N×H, row-major.
            var c = [[Double]](repeating: [Double](repeating: 0, count: M), count: N)
            for i in 0..<N { for j in 0..<M { for k in 0..<H { c[i][j] += w[H * M + i * H + k] * w[k * M + j] } } }
            h0 = Self.numericalRank(c)
            if h0 != 0 && h0 != H {
                throw SpecError(path: "truth.parameters", "the true product has rank \(h0); the exact NMF values cover a zero product or one of rank H = \(H) (only the upper bound is known otherwise)")
            }
        } else if h0 == H && H == 2 {
            throw SpecError(path: "truth.rank", "for H = H0 = 2 the exact value assumes true factors with positive entries; give them as truth.parameters")
        }
        let nmf = try NonnegativeMatrixFactorization(rows: N, columns: M, inner: H, trueRank: h0)
        var result = try nmf.coefficient()
        if h0 == H && !positive {
            result.assumptions.append("here the true factors have zero entries (on the boundary of the orthant); with H = 1 the scaling orbit t·a0, b0/t stays in the orthant and K stays regular across it")
        }
        return result
    }

    /// The rank of a small matrix by Gaussian elimination with partial pivoting (entries below 1e-9 of the largest count as 0).
    static func numericalRank(_ matrix: [[Double]]) -> Int {
        var a = matrix
        let scale = a.flatMap { $0 }.map(abs).max() ?? 0
        guard scale > 0 else { return 0 }
        var rank = 0
        let rows = a.count, cols = a.first?.count ?? 0
        for c in 0..<cols where rank < rows {
            let pivot = (rank..<rows).max { abs(a[$0][c]) < abs(a[$1][c]) }!
            guard abs(a[pivot][c]) > 1e-9 * scale else { continue }
            a.swapAt(rank, pivot)
            for r in (rank + 1)..<rows {
                let f = a[r][c] / a[rank][c]
                for k in c..<cols { a[r][k] -= f * a[rank][k] }
            }
            rank += 1
        }
        return rank
    }
}
