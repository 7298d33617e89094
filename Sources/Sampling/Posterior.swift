import Foundation
import Models

/// The tempered, localised posterior the kernels sample (Lau et al. 2023, as
/// in devinterp):
///
///     p(w) ∝ exp(−U(w)),  U(w) = nβ·L(w) + (γ/2)|w − w*|² + (δ/2)|w|²
///
/// with L the full-data loss L_n (or a minibatch estimate of it), γ the
/// `localization`, w* the `center` and δ the `weightDecay` (a Gaussian prior
/// N(0, δ⁻¹I)). A uniform prior enters as a box `support`: proposals outside
/// it have zero density (MALA and HMC reject or reflect; SGLD reflects).
public struct Posterior<M: Model>: Sendable {
    public var model: M
    /// nβ, the inverse temperature times the data size.
    public var nbeta: Double
    /// γ, the strength of the Gaussian pull towards `center`.
    public var localization: Double
    /// w*, the point the posterior is localised at.
    public var center: [Double]
    /// δ, weight decay (a Gaussian prior's precision).
    public var weightDecay: Double
    /// The prior's support, or nil for all of R^d.
    public var support: Box?

    public init(model: M, nbeta: Double, localization: Double = 0, center: [Double]? = nil,
                weightDecay: Double = 0, support: Box? = nil) {
        self.model = model
        self.nbeta = nbeta
        self.localization = localization
        self.center = center ?? [Double](repeating: 0, count: model.dimension)
        self.weightDecay = weightDecay
        self.support = support
    }

    /// Watanabe's default inverse temperature β = 1/log n, so nβ = n / log n,
    /// from the data size n (never the batch size: β sets the temperature of the
    /// posterior over all n samples; a minibatch only estimates its gradient).
    public static func defaultNBeta(sampleCount n: Int) -> Double {
        let n = Double(max(n, 3))
        return n / log(n)
    }

    public var dimension: Int { model.dimension }
}

/// An axis-aligned box [lower, upper] (the support of a uniform prior).
public struct Box: Sendable, Equatable {
    public var lower: [Double]
    public var upper: [Double]
    public init(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }

    /// [lo, hi]^d.
    public init(dimension: Int, lower lo: Double, upper hi: Double) {
        self.init(lower: .init(repeating: lo, count: dimension), upper: .init(repeating: hi, count: dimension))
    }

    public func contains(_ w: [Double]) -> Bool { w.withUnsafeBufferPointer { contains($0) } }

    @inlinable
    public func contains(_ w: UnsafeBufferPointer<Double>) -> Bool {
        for i in 0..<w.count where !(w[i] >= lower[i] && w[i] <= upper[i]) { return false }
        return true
    }
}

