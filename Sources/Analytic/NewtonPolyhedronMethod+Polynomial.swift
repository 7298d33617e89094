import Polynomials

extension NewtonPolyhedronMethod {
    /// The learning coefficient of the potential K (K itself is the loss,
    /// ζ(z) = ∫ K^z φ dw) near the true parameter `point` (default: the origin).
    ///
    /// K is shifted so that the point is the origin. If K is then c·w^α times a
    /// unit (its lowest term divides every term), it is in normal crossing form:
    /// λ = min (h_i + 1)/α_i over α_i > 0 (Watanabe 2009). Otherwise the Newton
    /// polyhedron method applies after its exact non-degeneracy check, or the
    /// call throws naming the face that fails.
    ///
    /// - Parameters:
    ///   - priorExponents: h_i of a prior ∝ ∏|w_i|^(h_i) near the point, one
    ///     per variable of `k` in its (natural) order; default all 0.
    ///
    /// Where the Newton method cannot decide (a degenerate face), two exact
    /// routes follow: K = c·Q² for a polynomial Q (`Polynomial.squareRoot`)
    /// answers as the regression output Q, and a quadratic part of full rank
    /// (or K exactly a quadratic form) answers by its rank (`QuadraticPart`).
    public static func potential(_ k: Polynomial, at point: [String: Double] = [:],
                                 priorExponents: [Int]? = nil) throws -> LearningCoefficient {
        do {
            return try local(k, power: 1, at: point, priorExponents: priorExponents)
        } catch let error as AnalyticError {
            guard error.isUndecidedByNewton else { throw error }
            if let other = try alternative(k, power: 1, at: point, priorExponents: priorExponents) { return other }
            throw error
        }
    }

    /// The learning coefficient of the regression model y = Q(w)·x + ε with
    /// true Q = 0 near the true parameter `point`: K = E[x²]Q²/(2σ²) ∝ Q², so
    /// this is λ of Q² (not of Q), computed from the Newton polyhedron of Q
    /// with power 2 (a monomial Q = c·w^β·unit gives normal crossing with K ∝ w^(2β)).
    ///
    /// Where the Newton method leaves m open (1/(2t) = 1/2 ties with the smooth
    /// zeros of Q) or meets a degenerate face, a quadratic part of full rank
    /// (or Q exactly a quadratic form) decides after a linear change of
    /// variables (`QuadraticPart`): Q = w1² − w2² ~ uv gives λ = 1/2, m = 2.
    public static func regressionOutput(_ q: Polynomial, at point: [String: Double] = [:],
                                        priorExponents: [Int]? = nil) throws -> LearningCoefficient {
        let result: LearningCoefficient
        do {
            result = try local(q, power: 2, at: point, priorExponents: priorExponents)
        } catch let error as AnalyticError {
            guard error.isUndecidedByNewton else { throw error }
            if let other = try alternative(q, power: 2, at: point, priorExponents: priorExponents) { return other }
            throw error
        }
        if result.multiplicity == nil, let other = try alternative(q, power: 2, at: point, priorExponents: priorExponents) {
            return other
        }
        return result
    }

    /// The exact routes after the Newton method: the quadratic part, then
    /// (for a potential) K = c·Q². Nil when neither decides.
    private static func alternative(_ f: Polynomial, power: Int, at point: [String: Double],
                                    priorExponents: [Int]?) throws -> LearningCoefficient? {
        let moved = point.values.contains(where: { $0 != 0 })
        var shifted = f
        if moved {
            do { shifted = try f.shifted(to: point) } catch { return nil }
        }
        let h = priorExponents ?? Array(repeating: 0, count: f.variables.count)
        let weights = shifted.variables.map { name in f.variables.firstIndex(of: name).map { h[$0] } ?? 0 }
        let pointText = "(" + f.variables.map { "\($0) = \(format(point[$0] ?? 0))" }.joined(separator: ", ") + ")"
        let centred = moved ? "in coordinates centred at w* = \(pointText)" : "near the origin"
        let symbol = power == 1 ? "K" : "Q"
        var context = ["\(symbol) = \(shifted) \(centred)"]
        if power == 2 { context[0] = "y = Q(w)·x + ε with true Q = 0, so K ∝ Q²; " + context[0] }
        if var r = try QuadraticPart.coefficient(shifted, power: power, priorExponents: weights, context: context) {
            if !point.isEmpty { r.attainedAt = "local at w* = \(pointText)" }
            return r
        }
        guard power == 1 else { return nil }
        guard let square = try? shifted.squareRoot() else { return nil }
        var r = try regressionOutput(square.root, priorExponents: square.root.variables.map { name in
            shifted.variables.firstIndex(of: name).map { weights[$0] } ?? 0
        })
        let factor = square.factor == .one ? "" : "(\(square.factor))·"
        r.method = "perfect square K = \(factor)Q² with Q = \(square.root) \(centred): λ of the regression output Q; " + r.method
        r.assumptions = ["K = \(factor)(\(square.root))² exactly (polynomial square root, checked in exact arithmetic)"]
            + r.assumptions.filter { !$0.hasPrefix("y = Q(w)·x + ε") }
        if !point.isEmpty { r.attainedAt = "local at w* = \(pointText)" + (r.attainedAt.map { "; " + $0 } ?? "") }
        return r
    }

    private static func local(_ f: Polynomial, power: Int, at point: [String: Double],
                              priorExponents: [Int]?) throws -> LearningCoefficient {
        let symbol = power == 1 ? "K" : "Q"
        for (name, value) in point.sorted(by: { Polynomial.naturalLess($0.key, $1.key) }) {
            guard f.variables.contains(name) else {
                throw AnalyticError.invalidInput(field: "at", reason: "'\(name)' is not a variable of \(symbol) (its variables: \(f.variables.joined(separator: ", ")))")
            }
            guard value.isFinite else {
                throw AnalyticError.invalidInput(field: "at", reason: "\(name) = \(value) is not a finite number")
            }
        }
        let h = priorExponents ?? Array(repeating: 0, count: f.variables.count)
        guard h.count == f.variables.count else {
            throw AnalyticError.invalidInput(field: "prior-exponents", reason: "expected \(f.variables.count) exponents, one per variable of \(symbol) (\(f.variables.joined(separator: ", "))), got \(h.count)")
        }
        if let i = h.firstIndex(where: { $0 < 0 }) {
            throw AnalyticError.invalidInput(field: "prior-exponents", reason: "item \(i + 1) is \(h[i]), expected an exponent ≥ 0")
        }

        // Centre at the point. The shift is exact (coefficients and the point are
        // exact decimals), so no rounding is left to drop.
        var context: [String] = []
        var shifted = f
        let pointText = "(" + f.variables.map { "\($0) = \(format(point[$0] ?? 0))" }.joined(separator: ", ") + ")"
        if point.values.contains(where: { $0 != 0 }) {
            do { shifted = try f.shifted(to: point) } catch {
                throw AnalyticError.invalidInput(field: "at", reason: "the shift to \(pointText) is too large to expand exactly: \(error)")
            }
        }
        let centred = point.values.contains { $0 != 0 } ? "in coordinates centred at w* = \(pointText)" : "near the origin"
        guard !shifted.isZero else {
            throw AnalyticError.noTheorem("\(symbol) is identically zero: every parameter is a true parameter")
        }
        let value = shifted.exactConstantTerm
        guard value.isZero else {
            let reason = power == 1
                ? "K(w*) = \(value) ≠ 0 at w* = \(pointText): not a true parameter (K must vanish there)"
                : "Q(w*) = \(value) ≠ 0 at w* = \(pointText): not a true parameter of y = Q(w)·x + ε with true Q = 0"
            throw AnalyticError.noTheorem(reason)
        }
        let names = shifted.variables
        let weights = names.map { h[f.variables.firstIndex(of: $0)!] }
        if power == 1 {
            context.insert("K = \(shifted) \(centred)", at: 0)
        } else {
            context.insert("y = Q(w)·x + ε with true Q = 0, so K = E[x²]Q²/(2σ²) ∝ Q²; Q = \(shifted) \(centred)", at: 0)
        }

        // Normal crossing: the lowest exponent α is a term and divides every term.
        let alpha = names.indices.map { j in shifted.terms.map { $0.exponents[j] }.min()! }
        if let lowest = shifted.terms.first(where: { $0.exponents == alpha }) {
            if power == 1 {
                if let j = alpha.firstIndex(where: { $0 % 2 == 1 }) {
                    throw AnalyticError.notNonnegative(face: "the lowest term, which divides every term", reason: "\(monomial(lowest, names)) has the odd power \(alpha[j]) of \(names[j]), so K changes sign; for a regression output Q pass --q Q instead")
                }
                if lowest.exact.isNegative {
                    throw AnalyticError.notNonnegative(face: "the lowest term, which divides every term", reason: "\(monomial(lowest, names)) is negative")
                }
            }
            let k = alpha.map { power == 1 ? $0 / 2 : $0 }
            let nc = try NormalCrossing(k: k, h: weights)
            let kText = names.indices.filter { k[$0] > 0 }.map { "\(names[$0])^\(2 * k[$0])" }.joined(separator: "*")
            var assumptions = context
            if shifted.terms.count > 1 || power == 2 { assumptions.append("K ∝ \(kText) times a positive unit \(centred)") }
            assumptions.append(weights.allSatisfy { $0 == 0 } ? "the prior density is positive at the point"
                               : "prior ∝ " + names.indices.filter { weights[$0] > 0 }.map { "|\(names[$0])|^\(weights[$0])" }.joined(separator: "*") + " times a positive function near the point")
            let attaining = nc.attainingIndices.map { names[$0] }
            return LearningCoefficient(
                lambda: nc.lambda, multiplicity: attaining.count,
                method: "normal crossing (K = \(kText) × unit; λ = min (h_i+1)/(2k_i), attained by \(attaining.joined(separator: ", ")))",
                source: NormalCrossing.source, assumptions: assumptions,
                attainedAt: point.isEmpty ? nil : "local at w* = \(pointText)")
        }

        let polyhedron: NewtonPolyhedron
        let hit: NewtonPolyhedron.DiagonalHit
        do {
            polyhedron = try NewtonPolyhedron(shifted)
            hit = try polyhedron.diagonalHit(weights: weights.map { $0 + 1 })
        } catch {
            throw AnalyticError.noTheorem(error.description)
        }
        let faces = polyhedron.compactFaces.map { Face(termIndices: $0.termIndices, normal: $0.normal) }
        let terms = shifted.terms.map { FaceTerm(exponents: $0.exponents, exact: $0.exact) }
        var result = try coefficient(terms: terms, names: names, compactFaces: faces, t: hit.t,
                                     codimension: hit.codimension, power: power, priorExponents: weights, context: context)
        let faceTerms = hit.termIndices.map { terms[$0] }
        let hitText = "the diagonal meets P(\(symbol)) at t·(h+1) = (\(hit.point.map(\.description).joined(separator: ", "))), "
            + "on a \(hit.isCompact ? "compact" : "non-compact") face with normal (\(hit.normal.map(String.init).joined(separator: ", "))) "
            + "through \(TorusZeros.format(faceTerms, names: names))"
        result.attainedAt = point.isEmpty ? hitText : "local at w* = \(pointText); \(hitText)"
        return result
    }

    private static func monomial(_ t: Polynomial.Term, _ names: [String]) -> String {
        TorusZeros.format([FaceTerm(exponents: t.exponents, exact: t.exact)], names: names)
    }

    private static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}
