import Polynomials

/// Reduced rank regression y = B A x + ε with A: H×M, B: N×H (input size M,
/// hidden size H, output size N) and a true map of rank r ≤ min(H, M, N).
///
/// Aoyagi & Watanabe (2005), Neural Networks 18(7):924–933, Main Theorem:
/// 1. N+r ≤ M+H, M+r ≤ N+H, H+r ≤ M+N:
///    λ = [2(H+r)(M+N) − (M−N)² − (H+r)²]/8, m = 1 if M+H+N+r is even;
///    λ = [2(H+r)(M+N) − (M−N)² − (H+r)² + 1]/8, m = 2 if it is odd.
/// 2. M+H < N+r: λ = (HM − Hr + Nr)/2, m = 1.
/// 3. N+H < M+r: λ = (HN − Hr + Mr)/2, m = 1.
/// 4. M+N < H+r: λ = MN/2, m = 1.
public struct ReducedRankRegression: Sendable, Hashable {
    /// M, the input size.
    public let inputs: Int
    /// N, the output size.
    public let outputs: Int
    /// H, the hidden (inner) size.
    public let hidden: Int
    /// r, the rank of the true map.
    public let trueRank: Int

    public init(inputs M: Int, outputs N: Int, hidden H: Int, trueRank r: Int) throws {
        for (name, value) in [("input", M), ("output", N), ("hidden", H)] where value < 1 {
            throw AnalyticError.invalidInput(field: name, reason: "expected a size ≥ 1, got \(value)")
        }
        guard r >= 0 else {
            throw AnalyticError.invalidInput(field: "true-rank", reason: "expected r ≥ 0, got \(r)")
        }
        guard r <= min(H, M, N) else {
            throw AnalyticError.invalidInput(field: "true-rank", reason: "expected r ≤ min(hidden, input, output) = \(min(H, M, N)), got \(r)")
        }
        inputs = M; outputs = N; hidden = H; trueRank = r
    }

    /// d = H(M + N), the number of parameters (entries of A and B).
    public var parameterCount: Int { hidden * (inputs + outputs) }

    /// Which case of the theorem applies (1…4); the cases are exclusive.
    public var theoremCase: Int {
        let (M, N, H, r) = (inputs, outputs, hidden, trueRank)
        if M + H < N + r { return 2 }
        if N + H < M + r { return 3 }
        if M + N < H + r { return 4 }
        return 1
    }

    public func coefficient() -> LearningCoefficient {
        let (M, N, H, r) = (inputs, outputs, hidden, trueRank)
        let lambda: Rational
        var m = 1
        var caseText: String
        switch theoremCase {
        case 2:
            lambda = Rational(H * M - H * r + N * r, 2)
            caseText = "case 2 (M+H < N+r)"
        case 3:
            lambda = Rational(H * N - H * r + M * r, 2)
            caseText = "case 3 (N+H < M+r)"
        case 4:
            lambda = Rational(M * N, 2)
            caseText = "case 4 (M+N < H+r)"
        default:
            let base = 2 * (H + r) * (M + N) - (M - N) * (M - N) - (H + r) * (H + r)
            if (M + H + N + r) % 2 == 0 {
                lambda = Rational(base, 8)
                caseText = "case 1, M+H+N+r even"
            } else {
                lambda = Rational(base + 1, 8)
                m = 2
                caseText = "case 1, M+H+N+r odd"
            }
        }
        return LearningCoefficient(
            lambda: lambda, multiplicity: m,
            method: "reduced rank regression, \(caseText)",
            source: "Aoyagi & Watanabe 2005, Stochastic complexities of reduced rank regression in Bayesian estimation, Neural Networks 18(7):924–933, Main Theorem",
            assumptions: [
                "y = BAx + ε with Gaussian noise; input M = \(M), hidden H = \(H), output N = \(N)",
                "true map B0A0 of rank r = \(r)",
                "the input distribution has a positive-definite second-moment matrix",
                "the prior is positive and continuous on a compact set containing the true parameters",
            ],
            attainedAt: "the global λ over the true set {BA = B0A0}")
    }
}
