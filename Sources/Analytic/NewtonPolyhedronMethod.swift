import Polynomials

/// The Newton polyhedron method (Varchenko 1976; Watanabe 2009; S. Lin,
/// *Algebraic methods for evaluating integrals in Bayesian statistics*, 2011).
///
/// For f with f(0) = 0, P(f) = conv{α + R^d_+ : c_α ≠ 0} and prior ∝ ∏|w_i|^(h_i),
/// let t = min{t : t(h+1) ∈ P(f)}. If f is non-degenerate (no compact face
/// polynomial f_γ has a singular zero on the torus (R∖{0})^d), the toric
/// resolution gives the poles of ∫|f|^z φ: −1/t from the exceptional divisors,
/// with order the codimension of the face hit, and −1 from the strict
/// transform when some f_γ vanishes on the torus.
///
/// Two uses:
/// - a potential K (`power` 1): K ≥ 0 forces every torus zero of K_γ to be
///   singular, so non-degeneracy means no torus zero: λ = 1/t, m = codim.
/// - a regression output Q with K ∝ Q² (`power` 2): λ(Q²) = 1/(2t_Q) if that
///   is < 1/2 (m = codim); if Q vanishes on the torus of a face, the smooth
///   zeros of Q give 1/2 (m = 1) when 1/(2t_Q) > 1/2, and at equality λ = 1/2
///   with m undetermined.
public enum NewtonPolyhedronMethod {
    static let source = "Varchenko 1976 (Newton polyhedra and estimation of oscillating integrals); Watanabe 2009, Algebraic Geometry and Statistical Learning Theory; S. Lin 2011, Algebraic Methods for Evaluating Integrals in Bayesian Statistics (PhD thesis, UC Berkeley), Thm on non-degenerate functions"

    /// One compact face: the indices of its terms and its positive normal.
    struct Face {
        var termIndices: [Int]
        var normal: [Int]
    }

    /// λ and m from the polyhedron data of f at the origin (see the type's doc).
    /// `t` and `codimension` are the diagonal hit for weights h + 1.
    static func coefficient(terms: [FaceTerm], names: [String], compactFaces: [Face],
                            t: Rational, codimension: Int, power: Int,
                            priorExponents h: [Int], context: [String]) throws -> LearningCoefficient {
        let symbol = power == 1 ? "K" : "Q"
        var degenerate: AnalyticError?
        var undecided: AnalyticError?
        var vanishingFaces: [String] = []
        for face in compactFaces {
            let faceTerms = face.termIndices.map { terms[$0] }
            let label = "with normal (\(face.normal.map(String.init).joined(separator: ", "))): \(symbol)_γ = \(TorusZeros.format(faceTerms, names: names))"
            switch TorusZeros.classify(faceTerms, names: names) {
            case .noZero:
                continue
            case .nonSingularZeros:
                if power == 1 {
                    throw AnalyticError.notNonnegative(face: label, reason: "changes sign on the torus (R∖{0})^\(names.count); for a regression output Q pass --q Q instead")
                }
                vanishingFaces.append(label)
            case let .singularZero(factor):
                let what = power == 1
                    ? "K_γ has the repeated factor \(factor), which vanishes on the torus (R∖{0})^\(names.count)"
                    : "Q_γ has the repeated factor \(factor), which vanishes on the torus (R∖{0})^\(names.count)"
                if degenerate == nil { degenerate = .degenerateFace(face: label, reason: what) }
            case let .undecided(reason, negativeValue):
                if power == 1 && negativeValue {
                    throw AnalyticError.notNonnegative(face: label, reason: "takes negative values on the torus")
                }
                if undecided == nil { undecided = .cannotCertify(face: label, reason: reason) }
            }
        }
        if let degenerate { throw degenerate }
        if let undecided { throw undecided }

        let newton = Rational(1) / (Rational(power) * t)
        var assumptions = context
        assumptions.append("non-degenerate: no compact face polynomial of \(symbol) has a singular zero on the torus (checked exactly)")
        if h.allSatisfy({ $0 == 0 }) {
            assumptions.append("the prior density is positive at the point")
        } else {
            assumptions.append("prior ∝ ∏|w_i|^h_i near the point, h = (\(h.map(String.init).joined(separator: ", ")))")
        }
        let hit = "Newton distance t = \(t), hit face of codimension \(codimension)"
        guard power == 2, !vanishingFaces.isEmpty else {
            return LearningCoefficient(lambda: newton, multiplicity: codimension,
                                       method: "Newton polyhedron (λ = 1/\(power == 1 ? "t" : "(2t)"), \(hit))",
                                       source: source, assumptions: assumptions)
        }
        assumptions.append("Q vanishes on the torus near the point (face \(vanishingFaces[0])): its smooth zeros give a pole at −1/2")
        let half = Rational(1, 2)
        if newton < half {
            return LearningCoefficient(lambda: newton, multiplicity: codimension,
                                       method: "Newton polyhedron (λ = 1/(2t) < 1/2, \(hit))",
                                       source: source, assumptions: assumptions)
        }
        if newton > half {
            return LearningCoefficient(lambda: half, multiplicity: 1,
                                       method: "Newton polyhedron: the smooth zeros of Q dominate (1/(2t) = \(newton) > 1/2, \(hit))",
                                       source: source, assumptions: assumptions)
        }
        return LearningCoefficient(lambda: half, multiplicity: nil,
                                   method: "Newton polyhedron: 1/(2t) = 1/2 ties with the smooth zeros of Q, so m is not determined (\(hit))",
                                   source: source, assumptions: assumptions)
    }
}
