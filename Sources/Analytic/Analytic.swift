// Learning coefficients known in closed form, each with its source.
//
// Every family returns a `LearningCoefficient` (exact λ as a `Rational`, the
// multiplicity m where the theorem gives it, the method, the citation and the
// assumptions it relies on) or throws an `AnalyticError` saying why no theorem
// applies. Convention: λ is the largest pole −λ of ζ(z) = ∫ K(w)^z φ(w) dw, so a
// regular one-dimensional minimum K = w² has λ = 1/2 = d/2.
