import Foundation
import GSL

/// Uniform perturbations of a baseline `w₀` on the intersection of the sphere
/// `|w| = r₀ = |w₀|` with the sphere `|w − w₀| = ε` (the hypersphere
/// article's construction).
///
/// The intersection is a sphere `S^{D−2}` of radius `r₀ sin θ` centred at
/// `r₀ cos θ ŵ₀`, with `cos θ = 1 − ε²/(2r₀²)`. (The article gives both the
/// radius and the offset as `r₀ cos θ`; the radius is `r₀ sin θ`, since
/// `|w|² = r₀²(cos²θ + sin²θ)`.) A uniform point of `S^{D−2}` in the
/// hyperplane `⊥ n̂ = e_D` is carried to the hyperplane `⊥ ŵ₀` by the
/// Householder reflection `H = I − 2ccᵀ/cᵀc`. The article's `c = n̂ + ŵ₀`
/// sends n̂ to −ŵ₀ (equally good: only the hyperplane matters); we take
/// `c = n̂ + sign(ŵ₀_D) ŵ₀`, which never cancels.
public struct SpherePerturbation: Sendable {
    public let baseline: [Double]
    public let epsilon: Double
    public let baselineRadius: Double
    let unit: [Double]
    let householder: [Double]
    let householderNorm2: Double
    let offset: Double
    let ringRadius: Double

    public init(baseline: [Double], epsilon: Double) throws {
        let d = baseline.count
        try DynamicsError.require(d >= 2, "dimensions", "a perturbation sphere needs D ≥ 2, got \(d)")
        let r0 = baseline.reduce(0) { $0 + $1 * $1 }.squareRoot()
        try DynamicsError.require(r0 > 0 && r0.isFinite, "baseline", "needs a finite non-zero vector")
        try DynamicsError.require(epsilon > 0 && epsilon < 2 * r0, "epsilon",
                                  "expected 0 < ε < 2|w₀| = \(2 * r0), got \(epsilon)")
        self.baseline = baseline
        self.epsilon = epsilon
        baselineRadius = r0
        unit = baseline.map { $0 / r0 }
        let sign: Double = unit[d - 1] >= 0 ? 1 : -1
        var c = unit.map { sign * $0 }
        c[d - 1] += 1
        householder = c
        householderNorm2 = c.reduce(0) { $0 + $1 * $1 }
        // 1 − cos θ = ε²/(2r₀²); sin θ from it without cancellation.
        let oneMinusCos = epsilon * epsilon / (2 * r0 * r0)
        offset = r0 * (1 - oneMinusCos)
        ringRadius = r0 * (oneMinusCos * (2 - oneMinusCos)).squareRoot()
    }

    /// A uniform point of the intersection, written into `w` (length D);
    /// `scratch` has length D too.
    public func sample(into w: inout [Double], scratch y: inout [Double], rng: RandomStream) {
        let d = baseline.count
        var norm2 = 0.0
        for i in 0..<(d - 1) { y[i] = rng.gaussian(); norm2 += y[i] * y[i] }
        y[d - 1] = 0
        let scale = ringRadius / norm2.squareRoot()
        var cy = 0.0
        for i in 0..<d { y[i] *= scale; cy += householder[i] * y[i] }
        let factor = 2 * cy / householderNorm2
        for i in 0..<d { w[i] = offset * unit[i] + (y[i] - factor * householder[i]) }
    }

    /// `max | |w| − r₀ |` and `max | |w − w₀| − ε |` over `count` samples.
    public func check(count: Int, rng: RandomStream) -> (radiusError: Double, distanceError: Double) {
        let d = baseline.count
        var w = [Double](repeating: 0, count: d), y = w
        var radiusError = 0.0, distanceError = 0.0
        for _ in 0..<count {
            sample(into: &w, scratch: &y, rng: rng)
            var n2 = 0.0, e2 = 0.0
            for i in 0..<d { n2 += w[i] * w[i]; e2 += (w[i] - baseline[i]) * (w[i] - baseline[i]) }
            radiusError = max(radiusError, abs(n2.squareRoot() - baselineRadius))
            distanceError = max(distanceError, abs(e2.squareRoot() - epsilon))
        }
        return (radiusError, distanceError)
    }
}

/// The Householder check and the distribution check for one dimension D:
/// baselines uniform on the sphere of radius `√D σ` (σ² = 2/D, Muller's
/// method), perturbations on the intersection with the ε-sphere.
public struct SpherePerturbationCheck: Sendable, Codable {
    public var dimension: Int
    public var baselines: Int
    public var perturbationsPerBaseline: Int
    public var radius: Double
    public var epsilon: Double
    /// Largest `| |w| − r₀ |` and `| |w − w₀| − ε |` over all samples.
    public var maxRadiusError: Double
    public var maxDistanceError: Double
    /// Mean over one perturbation per baseline of `D (w·e₁)²/r₀²` (1 if the
    /// perturbed vectors are uniform on the sphere, like the baselines), ± error.
    public var secondMomentRatio: Double
    public var secondMomentError: Double

    /// `relativeEpsilon` is ε/r₀.
    public init(dimension d: Int, relativeEpsilon: Double, baselines: Int, perturbationsPerBaseline: Int,
                seed: UInt64, stream: Int) throws {
        try DynamicsError.require(baselines >= 2, "baselines", "need at least 2, got \(baselines)")
        try DynamicsError.require(relativeEpsilon > 0 && relativeEpsilon < 2, "epsilon",
                                  "expected 0 < ε/|w₀| < 2 (the ε-sphere must meet the sphere), got \(relativeEpsilon)")
        let r0 = 2.0.squareRoot()  // √D σ with σ² = 2/D
        let rng = RandomStream(seed: seed, stream: stream)
        var maxRadius = 0.0, maxDistance = 0.0
        var moments: [Double] = []
        var w0 = [Double](repeating: 0, count: d), w = w0, y = w0
        for _ in 0..<baselines {
            var n2 = 0.0
            for i in 0..<d { w0[i] = rng.gaussian(); n2 += w0[i] * w0[i] }
            let s = r0 / n2.squareRoot()
            for i in 0..<d { w0[i] *= s }
            let perturbation = try SpherePerturbation(baseline: w0, epsilon: relativeEpsilon * r0)
            let errors = perturbation.check(count: perturbationsPerBaseline, rng: rng)
            maxRadius = max(maxRadius, errors.radiusError)
            maxDistance = max(maxDistance, errors.distanceError)
            perturbation.sample(into: &w, scratch: &y, rng: rng)
            moments.append(Double(d) * w[0] * w[0] / (r0 * r0))
        }
        dimension = d
        self.baselines = baselines
        self.perturbationsPerBaseline = perturbationsPerBaseline
        radius = r0
        epsilon = relativeEpsilon * r0
        maxRadiusError = maxRadius
        maxDistanceError = maxDistance
        secondMomentRatio = try Statistics.mean(moments)
        secondMomentError = (try Statistics.standardDeviation(moments)) / Double(baselines).squareRoot()
    }
}
