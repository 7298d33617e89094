import Polynomials

/// Deep linear network y = W_L ⋯ W_1 x + ε with widths H_1 (input) … H_{L+1}
/// (output) and a true product of rank r ≤ min H_s.
///
/// Aoyagi (2024), Neural Networks 172:106132, Theorem: with M_s = H_s − r,
/// choose Σ ⊆ {1…L+1}, |Σ| = ℓ + 1, with max_Σ M_j < min_{∉Σ} M_k,
/// S = Σ_{j∈Σ} M_j ≥ ℓ·max_Σ M_j and S < ℓ·min_{∉Σ} M_k (the conditions on the
/// complement are void when Σ is everything). With a = S − (⌈S/ℓ⌉ − 1)ℓ:
/// λ = [−r² + r(H_1 + H_{L+1})]/2 + a(ℓ−a)/(4ℓ) − (ℓ(ℓ−1)/4)(S/ℓ)² + ½ Σ_{j<k∈Σ} M_j M_k,
/// m = a(ℓ − a) + 1.
public struct DeepLinearNetwork: Sendable, Hashable {
    /// H_1 (input) … H_{L+1} (output).
    public let widths: [Int]
    /// r, the rank of the true product.
    public let trueRank: Int

    public init(widths: [Int], trueRank r: Int) throws {
        guard widths.count >= 2 else {
            throw AnalyticError.invalidInput(field: "widths", reason: "expected at least 2 widths (input and output), got \(widths.count)")
        }
        if let i = widths.firstIndex(where: { $0 < 1 }) {
            throw AnalyticError.invalidInput(field: "widths[\(i)]", reason: "expected a width ≥ 1, got \(widths[i])")
        }
        guard r >= 0 else {
            throw AnalyticError.invalidInput(field: "true-rank", reason: "expected r ≥ 0, got \(r)")
        }
        guard r <= widths.min()! else {
            throw AnalyticError.invalidInput(field: "true-rank", reason: "expected r ≤ the smallest width \(widths.min()!), got \(r)")
        }
        self.widths = widths
        self.trueRank = r
    }

    /// L, the number of weight matrices.
    public var layers: Int { widths.count - 1 }

    /// d = Σ H_s H_{s+1}, the number of parameters.
    public var parameterCount: Int { zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 } }

    /// The theorem's choice: ℓ, the 0-based indices of Σ (the ℓ+1 smallest
    /// M_s), S and a. Nil if no ℓ satisfies the conditions (the theorem says
    /// one always does).
    public var selection: (ell: Int, sigma: [Int], S: Int, a: Int)? {
        let M = widths.map { $0 - trueRank }
        let order = M.indices.sorted { (M[$0], $0) < (M[$1], $1) }
        let sorted = order.map { M[$0] }
        let L = layers
        for ell in 1...L {
            let S = sorted[0...ell].reduce(0, +)
            let maxIn = sorted[ell]
            guard S >= ell * maxIn else { continue }
            if ell < L {
                let minOut = sorted[ell + 1]
                guard maxIn < minOut, S < ell * minOut else { continue }
            }
            let ceilSOverEll = (S + ell - 1) / ell
            let a = S - (ceilSOverEll - 1) * ell
            return (ell, Array(order[0...ell]).sorted(), S, a)
        }
        return nil
    }

    public func coefficient() throws -> LearningCoefficient {
        guard let (ell, sigma, S, a) = selection else {
            throw AnalyticError.noTheorem("no ℓ satisfies the conditions of Aoyagi's theorem for widths \(widths) and r = \(trueRank)")
        }
        let r = trueRank, H1 = widths.first!, HL1 = widths.last!
        let M = widths.map { $0 - r }
        var pairs = 0
        for (x, j) in sigma.enumerated() {
            for k in sigma[(x + 1)...] { pairs += M[j] * M[k] }
        }
        let sOverEll = Rational(S, ell)
        let lambda = Rational(-r * r + r * (H1 + HL1), 2)
            + Rational(a * (ell - a), 4 * ell)
            - Rational(ell * (ell - 1), 4) * sOverEll * sOverEll
            + Rational(pairs, 2)
        return LearningCoefficient(
            lambda: lambda, multiplicity: a * (ell - a) + 1,
            method: "deep linear network (ℓ = \(ell), Σ = {\(sigma.map { String($0 + 1) }.joined(separator: ","))}, a = \(a))",
            source: "Aoyagi 2024, Consideration on the learning efficiency of multiple-layered neural networks with linear units, Neural Networks 172:106132, Main Theorem",
            assumptions: [
                "y = W_L⋯W_1 x + ε with Gaussian noise; widths \(widths.map(String.init).joined(separator: ","))",
                "true product of rank r = \(r)",
                "the input distribution has a positive-definite second-moment matrix",
                "the prior is positive and continuous on a compact set containing the true parameters",
            ],
            attainedAt: "the global λ over the true set {W_L⋯W_1 = true product}")
    }
}
