import Analytic
import Polynomials

extension SelectionFamily {
    /// λ of the tanh network with H units when the truth has H0 ≤ H active
    /// units (`Analytic.TanhNetwork`, the values of Fixtures/tanh):
    ///
    /// - H0 = 0 (truth ≡ 0): λ = (H + i² + i)/(4i + 2), i = ⌊√H⌋, m = 2 if
    ///   i² = H else 1 (Aoyagi & Watanabe 2005). H = 0 is the zero function, λ = 0.
    /// - H0 = H: regular, λ = d/2 = H, m = 1.
    /// - 0 < H0 < H: no closed form is known; the upper bound
    ///   λ ≤ H0 + λ_0(H − H0), with λ_0 the truth-0 value above. Split the
    ///   units into the first H0 and the rest: K(w) ≤ 2 K_1(w_1) + 2 K_2(w_2),
    ///   with K_1 the regular H0-unit problem (λ = H0) and K_2 the (H − H0)-unit
    ///   network at the zero truth; a larger K has a smaller volume
    ///   {K < t}, and λ of a sum in separate variables is the sum, so λ ≤
    ///   H0 + λ_0(H − H0) (the same argument as Aoyagi's bounds). Used with m = 1.
    static func tanhCoefficient(hidden h: Int, trueUnits h0: Int) throws -> PairCoefficient {
        guard (0...h).contains(h0) else {
            throw SpecError(path: "trueHidden", "a truth with \(h0) units is not inside the \(h)-unit candidate")
        }
        guard h > 0 else {
            return PairCoefficient(lambda: Rational(0), multiplicity: 1, upperBound: false, method: "the zero function (no parameters)", source: "—")
        }
        if h0 == 0 || h0 == h {
            let c = try analytic { try TanhNetwork(hidden: h, activeTrueUnits: h0).coefficient() }
            return PairCoefficient(lambda: c.lambda, multiplicity: c.multiplicity ?? 1, upperBound: false, method: c.method, source: c.source)
        }
        let zero = try analytic { try TanhNetwork(hidden: h - h0, activeTrueUnits: 0).coefficient() }
        return PairCoefficient(lambda: Rational(h0) + zero.lambda, multiplicity: 1, upperBound: true,
                               method: "upper bound H0 + λ_0(H − H0) = \(h0) + \(zero.lambda): the \(h0) true units regular, the other \(h - h0) at the zero truth (K ≤ 2K_1 + 2K_2)",
                               source: "bound from Aoyagi & Watanabe 2005 (truth-0 value) and the regular case; no closed form is known for 0 < H0 < H")
    }

    private static func analytic(_ body: () throws -> LearningCoefficient) throws -> LearningCoefficient {
        do { return try body() } catch let error as AnalyticError { throw SpecError(path: "maxHidden", "\(error)") }
    }
}
