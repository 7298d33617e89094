import Foundation
import GSL

/// The norm of Kaiming-initialised weights: `D = fanIn · fanOut` entries
/// i.i.d. `N(0, σ²)`, `σ² = 2/fanIn` (He et al. 2015).
///
/// Exactly, `|w|/σ` is `χ_D`: `E|w| = σ √2 Γ((D+1)/2)/Γ(D/2)` → `√D σ` and
/// `sd(|w|)/E|w|` → `1/√(2D)`; `sd(|w|²)/E|w|² = √(2/D)`. The hypersphere
/// article computes `Var|w|² = 2Dσ⁴` (right) and then writes the relative
/// thickness as `√2 σ = 2/√fanIn`, which divides `√(2D) σ` (not `√(2D) σ²`,
/// the standard deviation of `|w|²`) by `√D`; this type measures all three.
public struct KaimingShell: Sendable, Codable {
    public var fanIn: Int
    public var fanOut: Int
    public var samples: Int
    public var sigma: Double
    public var meanNorm: Double
    public var normStandardDeviation: Double
    /// Measured `sd(|w|)/⟨|w|⟩`.
    public var relativeThickness: Double
    /// Measured `sd(|w|²)/⟨|w|²⟩`.
    public var relativeSquaredThickness: Double
    /// `√D σ`, the article's radius.
    public var predictedRadius: Double
    /// The χ_D values of `E|w|` and `sd(|w|)/E|w|`.
    public var exactMeanNorm: Double
    public var exactRelativeThickness: Double
    /// The article's `√2 σ = 2/√fanIn`.
    public var articleRelativeThickness: Double

    /// Draws `samples` weight vectors from stream `stream` of `seed`.
    public init(fanIn: Int, fanOut: Int = 1, samples: Int, seed: UInt64, stream: Int = 0) throws {
        try DynamicsError.require(fanIn >= 1, "dimensions", "fan-in must be at least 1, got \(fanIn)")
        try DynamicsError.require(fanOut >= 1, "fanOut", "expected at least 1, got \(fanOut)")
        try DynamicsError.require(samples >= 2, "shellSamples", "need at least 2, got \(samples)")
        let d = fanIn * fanOut
        let sigma = (2 / Double(fanIn)).squareRoot()
        let rng = RandomStream(seed: seed, stream: stream)
        var norms = [Double](repeating: 0, count: samples), squares = norms
        for s in 0..<samples {
            var sum = 0.0
            for _ in 0..<d { let x = sigma * rng.gaussian(); sum += x * x }
            squares[s] = sum
            norms[s] = sum.squareRoot()
        }
        self.fanIn = fanIn
        self.fanOut = fanOut
        self.samples = samples
        self.sigma = sigma
        meanNorm = try Statistics.mean(norms)
        normStandardDeviation = try Statistics.standardDeviation(norms)
        relativeThickness = normStandardDeviation / meanNorm
        relativeSquaredThickness = (try Statistics.standardDeviation(squares)) / (try Statistics.mean(squares))
        let dd = Double(d)
        predictedRadius = dd.squareRoot() * sigma
        let logRatio = (try SpecialFunctions.logGamma((dd + 1) / 2)) - (try SpecialFunctions.logGamma(dd / 2))
        exactMeanNorm = sigma * 2.0.squareRoot() * exp(logRatio)
        exactRelativeThickness = max(0, dd * sigma * sigma - exactMeanNorm * exactMeanNorm).squareRoot() / exactMeanNorm
        articleRelativeThickness = 2.0.squareRoot() * sigma
    }
}
