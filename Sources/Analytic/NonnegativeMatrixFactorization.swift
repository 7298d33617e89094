import Polynomials

/// Non-negative matrix factorisation: C ≈ A B with A: M×H and B: H×N
/// entry-wise ≥ 0, K = ½‖AB − A0B0‖² (Gaussian noise on the entries, or
/// the reduced-rank regression y = BAx + ε with E[xxᵀ] = I and the prior
/// on the non-negative orthant), true non-negative rank H0.
///
/// Hayashi & Watanabe (2017), Upper bound of Bayesian generalization error
/// in non-negative matrix factorization, Neurocomputing 266:21–28, and the
/// tighter bound of Hayashi & Watanabe (2017), IEEE SSCI 2017:
/// λ ≤ ½[(H − H0)·min(M, N) + H0(M + N − 2)] (+ ½ when H0 is odd), which
/// the authors state is exact when H0 = 0 or H = H0 ∈ {1, 2}.
///
/// Exact values given here, with m:
/// - H0 = 0: λ = H·min(M, N)/2. On the orthant (Σ_h a_ih b_hj)² is comparable
///   to Σ_h a_ih² b_hj², so K ~ Σ_h |a_h|²|b_h|², a sum of H functions of
///   disjoint variables, each with λ = min(M, N)/2 (polar coordinates:
///   poles M/2 and N/2, m = 2 when M = N); λ adds and m = Σ m_h − (H − 1):
///   m = H + 1 when M = N, else 1.
/// - H = H0 = 1: λ = (M + N − 1)/2; H = H0 = 2: λ = M + N − 2 (m = 1: the
///   true set is the orbit {(A0T, T⁻¹B0)}, of dimension H², and K is
///   regular across it: λ = (H(M+N) − H²)/2).
/// Otherwise only the bound is known: `coefficient()` throws and `upperBound` gives it.
public struct NonnegativeMatrixFactorization: Sendable, Hashable {
    public let rows: Int
    public let columns: Int
    public let inner: Int
    public let trueRank: Int

    public init(rows M: Int, columns N: Int, inner H: Int, trueRank H0: Int) throws {
        for (name, value) in [("rows", M), ("columns", N), ("inner", H)] where value < 1 {
            throw AnalyticError.invalidInput(field: name, reason: "expected a size ≥ 1, got \(value)")
        }
        guard (0...min(H, M, N)).contains(H0) else {
            throw AnalyticError.invalidInput(field: "true-rank", reason: "expected 0 ≤ H0 ≤ min(inner, rows, columns) = \(min(H, M, N)), got \(H0)")
        }
        rows = M; columns = N; inner = H; trueRank = H0
    }

    static let source = "Hayashi & Watanabe 2017, Upper bound of Bayesian generalization error in non-negative matrix factorization, Neurocomputing 266:21–28; Hayashi & Watanabe 2017, Tighter upper bound of real log canonical threshold of non-negative matrix factorization and its application to Bayesian inference, IEEE SSCI 2017 (exact for H0 = 0 and H = H0 ≤ 2)"

    /// ½[(H − H0) min(M, N) + H0(M + N − 2)] + (½ if H0 is odd): the tighter bound.
    public var upperBound: Rational {
        let (M, N, H, H0) = (rows, columns, inner, trueRank)
        return Rational((H - H0) * min(M, N) + H0 * (M + N - 2) + (H0 % 2), 2)
    }

    public func coefficient() throws -> LearningCoefficient {
        let (M, N, H, H0) = (rows, columns, inner, trueRank)
        var assumptions = [
            "K = ½‖AB − A0B0‖² with A (\(M)×\(H)) and B (\(H)×\(N)) entry-wise ≥ 0; true non-negative rank H0 = \(H0)",
            "the prior is positive and continuous on a compact part of the non-negative orthant containing the true parameters",
        ]
        if H0 == 0 {
            return LearningCoefficient(
                lambda: Rational(H * min(M, N), 2), multiplicity: M == N ? H + 1 : 1,
                method: "non-negative matrix factorisation, truth 0: λ = H·min(M, N)/2",
                source: Self.source, assumptions: assumptions,
                attainedAt: "the true set {AB = 0}; the origin attains the largest order")
        }
        if H == H0 && H0 <= 2 {
            assumptions.append("the true factors A0, B0 have positive entries (the true set is then the orbit {(A0T, T⁻¹B0)} of dimension H²)")
            return LearningCoefficient(
                lambda: Rational(H * (M + N) - H * H, 2), multiplicity: 1,
                method: "non-negative matrix factorisation, H = H0 = \(H): λ = (H(M+N) − H²)/2",
                source: Self.source, assumptions: assumptions,
                attainedAt: "the true set {AB = A0B0}")
        }
        throw AnalyticError.noTheorem("non-negative matrix factorisation with H = \(H), H0 = \(H0): only the upper bound λ ≤ \(upperBound) is known (exact for H0 = 0 and H = H0 ≤ 2)")
    }
}
