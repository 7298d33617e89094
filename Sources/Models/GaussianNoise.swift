import Foundation

/// The Gaussian observation noise ε ~ N(0, σ² I_k) of a regression model.
///
/// Per-sample negative log-likelihood with the constants kept:
/// ℓ_i = |y_i − f(w, x_i)|² / (2σ²) + (k/2) log(2πσ²).
public struct GaussianNoise: Sendable, Hashable {
    /// σ, the noise standard deviation.
    public let sigma: Double
    /// 1/σ².
    public let precision: Double
    /// ½ log(2πσ²), the per-output normalising constant.
    public let logNormalizer: Double

    public init(sigma: Double) {
        self.sigma = sigma
        self.precision = 1 / (sigma * sigma)
        self.logNormalizer = 0.5 * Foundation.log(2 * Double.pi * sigma * sigma)
    }
}
