import Polynomials

extension GlobalLearningCoefficient {
    /// Several variables: `starts` projected gradient descents with an
    /// adaptive step (doubled after each accepted step, halved until the
    /// Armijo condition holds) from points drawn uniformly in the box with a
    /// fixed generator (SplitMix64 from `seed`), so the same call gives the
    /// same list. Each end point where K is numerically 0 is rounded to the
    /// shortest decimal within 10⁻³ of it (relative to the box) at which K
    /// is exactly 0; the local λ there comes from
    /// `NewtonPolyhedronMethod.potential`. Minima with K > 0 are listed as
    /// not true parameters.
    static func multistart(_ k: Polynomial, lower: [Double], upper: [Double], starts: Int, seed: UInt64) throws -> GlobalLearningCoefficient {
        let names = k.variables, d = names.count
        let f = k.compiled()
        let width = zip(lower, upper).map { $0.1 - $0.0 }.max()!
        let tolerance = 1e-3 * max(1, width)
        let coefficientScale = k.terms.map { abs($0.coefficient) }.max() ?? 1
        var rng = SplitMix64(seed: seed)
        var ends: [(point: [Double], value: Double)] = []
        for _ in 0..<starts {
            var w = (0..<d).map { i in lower[i] + (upper[i] - lower[i]) * rng.unit() }
            w = descend(f, from: w, lower: lower, upper: upper, width: width)
            ends.append((w, f.value(w)))
        }
        var minima: [Minimum] = []
        var seen = Set<String>()
        for end in ends {
            let zeroish = end.value <= 1e-9 * coefficientScale
            if zeroish, let snapped = snap(k, end.point, names: names, lower: lower, upper: upper, tolerance: tolerance) {
                let text = pointText(names, snapped.texts)
                guard seen.insert(text).inserted else { continue }
                var local: LearningCoefficient?
                var reason: String?
                do {
                    local = try NewtonPolyhedronMethod.potential(k, at: Dictionary(uniqueKeysWithValues: zip(names, snapped.values)))
                } catch {
                    reason = "\(error)"
                }
                let edge = zip(snapped.values, zip(lower, upper)).contains { $0 == $1.0 || $0 == $1.1 }
                minima.append(Minimum(point: snapped.values, text: text + (edge ? " (boundary of the support)" : ""),
                                      value: 0, isExactZero: true, local: local, reason: reason))
            } else {
                // Not an exact zero at a short decimal: list once per neighbourhood.
                if minima.contains(where: { !$0.isExactZero && zip($0.point, end.point).allSatisfy { abs($0 - $1) <= tolerance } }) { continue }
                let approximate = pointText(names, end.point.map { "≈" + format($0) })
                let reason = zeroish
                    ? "K ≈ \(end.value) but no decimal within \(tolerance) of it is an exact zero: local λ not determined"
                    : "K ≈ \(end.value) > 0: a local minimum, not a true parameter"
                minima.append(Minimum(point: end.point, text: approximate, value: end.value, isExactZero: false, local: nil, reason: reason))
            }
        }
        minima.sort { ($0.local == nil ? 1 : 0, $0.text) < ($1.local == nil ? 1 : 0, $1.text) }
        guard let combined = combine(minima) else {
            let first = minima.first?.reason ?? "no minimum found"
            throw AnalyticError.noTheorem("none of the minima found by \(starts) local minimisations has a determined local λ (\(first))")
        }
        let (lambda, m, attaining) = combined
        let found = minima.filter { $0.local != nil }.count
        let coefficient = LearningCoefficient(
            lambda: lambda, multiplicity: m,
            method: "global over the minima found: \(starts) local minimisations in the support, \(found) distinct true parameter\(found == 1 ? "" : "s") with a local λ; the smallest local λ\(m == nil ? "" : " and the largest m attaining it") (a search, not a proof: a true parameter it missed could have a smaller λ)",
            source: source,
            assumptions: ["K = \(k) ≥ 0", "the prior density is positive and continuous on the box " + zip(lower, upper).map { "[\(format($0.0)), \(format($0.1))]" }.joined(separator: "×")],
            attainedAt: attaining.map(\.text).joined(separator: ", "))
        return GlobalLearningCoefficient(coefficient: coefficient, minima: minima, isExhaustive: false)
    }

    /// Projected gradient descent with an adaptive Armijo step.
    static func descend(_ f: CompiledPolynomial, from start: [Double], lower: [Double], upper: [Double], width: Double) -> [Double] {
        var w = start
        var step = 1e-3 * width
        var (value, gradient) = f.valueAndGradient(w)
        for _ in 0..<5000 {
            guard value > 0, gradient.contains(where: { $0 != 0 }) else { break }
            var accepted = false
            for _ in 0..<80 {
                var next = w
                for i in w.indices { next[i] = min(max(w[i] - step * gradient[i], lower[i]), upper[i]) }
                var decrease = 0.0
                for i in w.indices { decrease += gradient[i] * (w[i] - next[i]) }
                let v = f.value(next)
                if v <= value - 1e-4 * decrease && next != w {
                    w = next
                    (value, gradient) = f.valueAndGradient(w)
                    step *= 2
                    accepted = true
                    break
                }
                step /= 2
                if step < 1e-300 { break }
            }
            if !accepted { break }
        }
        return w
    }

    /// The coarsest rounding (0…10 decimals) within `tolerance` of the point,
    /// inside the box, at which K is exactly 0.
    static func snap(_ k: Polynomial, _ point: [Double], names: [String], lower: [Double], upper: [Double],
                     tolerance: Double) -> (values: [Double], texts: [String])? {
        var scale = 1.0
        for places in 0...10 {
            let rounded = point.map { ($0 * scale).rounded() / scale }
            defer { scale *= 10 }
            guard zip(rounded, point).allSatisfy({ abs($0 - $1) <= tolerance }),
                  rounded.indices.allSatisfy({ rounded[$0] >= lower[$0] && rounded[$0] <= upper[$0] }) else { continue }
            // Exact decimals of the rounded coordinates (the shortest text of each Double).
            let exact = rounded.map { ExactDecimal($0 == 0 ? 0 : $0) ?? .zero }
            let shifted = try? k.shifted(toExact: Dictionary(uniqueKeysWithValues: zip(names, exact)))
            if let shifted, shifted.exactConstantTerm.isZero {
                _ = places
                return (rounded.map { $0 == 0 ? 0 : $0 }, exact.map(\.description))
            }
        }
        return nil
    }

    static func pointText(_ names: [String], _ values: [String]) -> String {
        "(" + zip(names, values).map { "\($0) = \($1)" }.joined(separator: ", ") + ")"
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small fixed generator for the
/// multi-start points, so the search does not depend on the process.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
