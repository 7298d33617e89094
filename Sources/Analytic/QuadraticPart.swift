import Polynomials

/// λ and m from the quadratic part of a function vanishing to order 2 at the
/// point, where it decides: the quadratic part has full rank d (Morse lemma:
/// f = Σ ±u_i² in analytic coordinates), or f is exactly a quadratic form
/// (a linear change of variables makes it Σ ±u_i² in r = rank of its
/// variables, the others free). With p positive and q negative squares:
///
/// - a potential K (K itself): K ≥ 0 needs q = 0; λ = r/2, m = 1.
/// - a regression output Q (K ∝ Q²): r = 1 or Q definite: Q² ~ (Σu_i²)²,
///   λ = r/4, m = 1. Indefinite: one blow-up of the origin resolves Q²; the
///   strict transform (smooth, order 2) gives the pole −1/2 and the
///   exceptional divisor (order 4, Jacobian order r − 1) gives −r/4, so
///   λ = 1/2 with m = 2 when r = 2 (Q ~ uv: the normal crossing u²v²) and
///   m = 1 when r ≥ 3.
enum QuadraticPart {
    static let source = "Morse lemma and Sylvester's law of inertia (a linear change of variables makes a quadratic form Σ ±u_i²); Watanabe 2009, Algebraic Geometry and Statistical Learning Theory (normal crossing; resolution by blowing up the origin)"

    /// The coefficient from the quadratic part of `shifted` (the function in
    /// coordinates centred at the point), or nil when it does not decide.
    static func coefficient(_ shifted: Polynomial, power: Int, priorExponents h: [Int], context: [String]) throws -> LearningCoefficient? {
        guard h.allSatisfy({ $0 == 0 }) else { return nil }
        let signature: Polynomial.QuadraticSignature
        do {
            guard let s = try shifted.quadraticSignature() else { return nil }
            signature = s
        } catch {
            return nil
        }
        let r = signature.rank, d = signature.dimension
        guard r == d || signature.isExactlyQuadratic else { return nil }
        let (p, q) = (signature.positive, signature.negative)
        let how = r == d
            ? "the quadratic part has full rank \(d) (Morse lemma)"
            : "exactly a quadratic form of rank \(r) in \(d) variables (the other \(d - r) directions are free after a linear change)"
        var assumptions = context
        assumptions.append("\(how); signature (\(p) positive, \(q) negative) by exact symmetric elimination")
        assumptions.append("the prior density is positive at the point")
        if power == 1 {
            guard q == 0 else {
                throw AnalyticError.notNonnegative(face: "the quadratic part", reason: "has \(q) negative square\(q == 1 ? "" : "s") after a linear change of variables")
            }
            return LearningCoefficient(lambda: Rational(r, 2), multiplicity: 1,
                                       method: "quadratic form: K ~ u_1² + … + u_\(r)² after a change of variables (λ = r/2)",
                                       source: source, assumptions: assumptions)
        }
        if r == 1 || p == 0 || q == 0 {
            return LearningCoefficient(lambda: Rational(r, 4), multiplicity: 1,
                                       method: "quadratic form: Q ~ \(r == 1 ? "±u²" : "±(u_1² + … + u_\(r)²)"), so K ∝ Q² has λ = r/4 = \(Rational(r, 4))",
                                       source: source, assumptions: assumptions)
        }
        let m = r == 2 ? 2 : 1
        let method = r == 2
            ? "quadratic form: Q ~ u·v after a linear change of variables, so K ∝ u²v² (normal crossing, λ = 1/2, m = 2)"
            : "indefinite quadratic form of rank \(r) ≥ 3: blowing up the origin gives poles −1/2 (the smooth zeros of Q) and −\(Rational(r, 4)) (the origin), so λ = 1/2, m = 1"
        return LearningCoefficient(lambda: Rational(1, 2), multiplicity: m, method: method, source: source, assumptions: assumptions)
    }
}
