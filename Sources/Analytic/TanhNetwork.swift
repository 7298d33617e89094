import Polynomials

/// One-hidden-layer tanh network with one input and one output,
/// y = Σ_{h≤H} a_h tanh(b_h x) + ε.
///
/// Truth 0 (Aoyagi & Watanabe 2005, IEICE J88-D-II): λ = (H + i² + i)/(4i + 2)
/// with i = ⌊√H⌋, m = 2 if i² = H else 1. Truth with all H units active
/// (a*_h ≠ 0, distinct |b*_h| > 0): regular, λ = d/2 = H, m = 1.
/// Truth with 0 < H0 < H active units: not covered (no closed form is known;
/// only bounds), so `coefficient()` throws.
public struct TanhNetwork: Sendable, Hashable {
    /// H, the number of hidden units.
    public let hidden: Int
    /// H0, the number of active units in the true function (0: truth ≡ 0).
    public let activeTrueUnits: Int

    public init(hidden H: Int, activeTrueUnits H0: Int = 0) throws {
        guard H >= 1 else {
            throw AnalyticError.invalidInput(field: "hidden", reason: "expected H ≥ 1, got \(H)")
        }
        guard (0...H).contains(H0) else {
            throw AnalyticError.invalidInput(field: "true-units", reason: "expected 0 ≤ H0 ≤ H = \(H), got \(H0)")
        }
        hidden = H; activeTrueUnits = H0
    }

    public func coefficient() throws -> LearningCoefficient {
        let H = hidden, H0 = activeTrueUnits
        let common = [
            "one input and one output, y = Σ a_h tanh(b_h x) + ε with Gaussian noise",
            "the input distribution has compact support with the origin an interior point of it",
            "the prior is positive and continuous at the true parameters",
        ]
        if H0 == 0 {
            var i = 0
            while (i + 1) * (i + 1) <= H { i += 1 }
            return LearningCoefficient(
                lambda: Rational(H + i * i + i, 4 * i + 2), multiplicity: i * i == H ? 2 : 1,
                method: "one-hidden-layer tanh network, truth 0 (i = ⌊√H⌋ = \(i))",
                source: "Aoyagi & Watanabe 2005, Resolution of singularities and the generalization error with Bayesian estimation for layered neural network, IEICE Trans. J88-D-II(10):2112–2124; Watanabe 2009, Algebraic Geometry and Statistical Learning Theory, §7",
                assumptions: common + ["true function ≡ 0"],
                attainedAt: "the global λ over the true set {Σ a_h tanh(b_h x) ≡ 0}")
        }
        if H0 == H {
            return LearningCoefficient(
                lambda: Rational(H), multiplicity: 1,
                method: "one-hidden-layer tanh network, all \(H) units active: regular (λ = d/2, d = 2H)",
                source: "Watanabe 2009, Algebraic Geometry and Statistical Learning Theory, §1 (regular case); identifiability of tanh networks up to permutation and sign flips (Sussmann 1992)",
                assumptions: common + ["the true units have a*_h ≠ 0 and distinct |b*_h| > 0, so the true set is finite (permutations and sign flips) with positive-definite Fisher information"])
        }
        throw AnalyticError.noTheorem("tanh network with H = \(H) units and a truth with H0 = \(H0) active units (0 < H0 < H): no closed form is known, only bounds; covered are H0 = 0 (truth 0) and H0 = H (regular)")
    }
}
