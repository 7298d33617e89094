import Foundation
import Models

/// The tempered, localised posterior the kernels sample (Lau et al. 2023, as
/// in devinterp):
///
///     p(w) ∝ exp(−U(w)),  U(w) = nβ·L(w) + (γ/2)|w − w*|² − log φ(w)
///
/// with L the full-data loss L_n (or a minibatch estimate of it), γ the
/// `localization`, w* the `center` and φ the `prior`, whose `logDensity` and
/// `gradient` the samplers use. Outside a uniform prior's box the density is
/// zero: MALA rejects such proposals, HMC, SGLD and SGNHT reflect at the walls.
public struct Posterior<M: Model>: Sendable {
    public var model: M
    /// nβ, the inverse temperature times the data size.
    public var nbeta: Double
    /// γ, the strength of the Gaussian pull towards `center`.
    public var localization: Double
    /// w*, the point the posterior is localised at.
    public var center: [Double]
    /// φ, the prior (flat by default).
    public var prior: Prior

    public init(model: M, nbeta: Double, localization: Double = 0, center: [Double]? = nil, prior: Prior = .flat) {
        self.model = model
        self.nbeta = nbeta
        self.localization = localization
        self.center = center ?? [Double](repeating: 0, count: model.dimension)
        self.prior = prior
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
