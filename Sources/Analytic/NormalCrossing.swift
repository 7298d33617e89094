import Polynomials

/// K in normal crossing form near the origin: K = ∏ w_i^(2k_i), with prior
/// φ ∝ ∏ |w_i|^(h_i). Then λ = min over k_i > 0 of (h_i + 1)/(2k_i) and m is
/// the number of indices attaining the minimum.
///
/// Source: Watanabe 2009, *Algebraic Geometry and Statistical Learning Theory*
/// (zeta function of a normal crossing function): ζ(z) factorises into
/// ∏ ∫ |w_i|^(2k_i z + h_i) dw_i, whose poles are at z = −(h_i + 1)/(2k_i).
public struct NormalCrossing: Sendable, Hashable {
    /// k_i: K = ∏ w_i^(2 k_i).
    public let k: [Int]
    /// h_i: φ ∝ ∏ |w_i|^(h_i).
    public let h: [Int]

    /// `h` defaults to zeros (a prior positive at the origin).
    public init(k: [Int], h: [Int]? = nil) throws {
        let h = h ?? Array(repeating: 0, count: k.count)
        guard !k.isEmpty else {
            throw AnalyticError.invalidInput(field: "k", reason: "expected at least one exponent")
        }
        guard h.count == k.count else {
            throw AnalyticError.invalidInput(field: "h", reason: "expected \(k.count) prior exponents (one per variable), got \(h.count)")
        }
        if let i = k.firstIndex(where: { $0 < 0 }) {
            throw AnalyticError.invalidInput(field: "k[\(i)]", reason: "expected an exponent ≥ 0, got \(k[i])")
        }
        if let i = h.firstIndex(where: { $0 < 0 }) {
            throw AnalyticError.invalidInput(field: "h[\(i)]", reason: "expected a prior exponent ≥ 0, got \(h[i])")
        }
        guard k.contains(where: { $0 > 0 }) else {
            throw AnalyticError.noTheorem("K = 1 is never zero: there is no true parameter")
        }
        self.k = k
        self.h = h
    }

    /// (h_i + 1)/(2 k_i) for every i with k_i > 0 (nil where k_i = 0).
    public var poleCandidates: [Rational?] {
        zip(k, h).map { k, h in k > 0 ? Rational(h + 1, 2 * k) : nil }
    }

    /// The global λ: the minimum over all candidates.
    public var lambda: Rational { poleCandidates.compactMap { $0 }.min()! }

    /// Indices i attaining the minimum (0-based).
    public var attainingIndices: [Int] {
        let l = lambda
        return poleCandidates.indices.filter { poleCandidates[$0] == l }
    }

    /// The global learning coefficient. The true set is the union of the
    /// hyperplanes {w_i = 0} with k_i > 0; the origin attains λ with the
    /// largest order, m = #attaining indices; a true point w* has local order
    /// #{i attaining : w*_i = 0}.
    public func coefficient() -> LearningCoefficient {
        let attaining = attainingIndices
        let names = attaining.map { "w\($0 + 1)" }
        let whereText: String
        if attaining.count == 1 {
            whereText = "every true point with \(names[0]) = 0 attains λ with m = 1"
        } else {
            whereText = "true points where j of {\(names.joined(separator: ", "))} vanish attain λ with m = j; the origin attains the largest order m = \(attaining.count)"
        }
        return LearningCoefficient(
            lambda: lambda, multiplicity: attaining.count,
            method: "normal crossing",
            source: Self.source,
            assumptions: assumptions,
            attainedAt: whereText)
    }

    /// The local learning coefficient at a true point w*: factors with
    /// w*_i ≠ 0 are units there and drop out (their prior factor is positive).
    public func localCoefficient(at point: [Double]) throws -> LearningCoefficient {
        guard point.count == k.count else {
            throw AnalyticError.invalidInput(field: "point", reason: "expected \(k.count) coordinates, got \(point.count)")
        }
        let vanishing = k.indices.filter { k[$0] > 0 && point[$0] == 0 }
        guard !vanishing.isEmpty else {
            throw AnalyticError.noTheorem("K(w*) ≠ 0: the point \(Self.format(point)) is not a true parameter")
        }
        let candidates = vanishing.map { Rational(h[$0] + 1, 2 * k[$0]) }
        let local = candidates.min()!
        let m = candidates.filter { $0 == local }.count
        return LearningCoefficient(
            lambda: local, multiplicity: m,
            method: "normal crossing (local)",
            source: Self.source,
            assumptions: assumptions + ["local at w* = \(Self.format(point)): only the factors vanishing there count"])
    }

    var assumptions: [String] {
        var a = ["K = " + k.enumerated().filter { $0.element > 0 }.map { "w\($0.offset + 1)^\(2 * $0.element)" }.joined(separator: "*") + " times a positive unit near the origin"]
        if h.allSatisfy({ $0 == 0 }) {
            a.append("the prior density is positive at the origin")
        } else {
            a.append("prior ∝ " + h.enumerated().filter { $0.element > 0 }.map { "|w\($0.offset + 1)|^\($0.element)" }.joined(separator: "*") + " times a positive function")
        }
        return a
    }

    static let source = "Watanabe 2009, Algebraic Geometry and Statistical Learning Theory (normal crossing: ζ(z) = ∏ ∫ |w_i|^(2k_i z + h_i) dw_i)"

    static func format(_ point: [Double]) -> String {
        "(" + point.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : "\($0)" }.joined(separator: ", ") + ")"
    }
}
