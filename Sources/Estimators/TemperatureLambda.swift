import Foundation
import Models
import Sampling

/// λ̂ from the temperature dependence of E^β[n L_n] (no localization):
///
/// - two temperatures (Watanabe 2013, from the WBIC paper), β_j = β0_j / log n:
///   λ̂ = (E^β1[nL_n] − E^β2[nL_n]) / (1/β1 − 1/β2);
/// - Imai (2019), from d/dβ E^β[nL_n] = −Var^β[nL_n]: λ̂ = β² Var^β[nL_n] at β = 1/log n.
public enum TemperatureLambda {
    public struct Result: Sendable, Codable {
        public var twoTemperature: Double
        /// Standard error of the two-temperature λ̂ from the two means' MCSEs.
        public var twoTemperatureError: Double
        public var imai: Double
        public var beta1: Double
        public var beta2: Double

        enum CodingKeys: String, CodingKey {
            case twoTemperature = "lambda_two_temperature", twoTemperatureError = "lambda_two_temperature_error"
            case imai = "lambda_imai", beta1 = "beta1", beta2 = "beta2"
        }
    }

    /// Chains of `sampler` at β1 = β0₁/log n and β2 = β0₂/log n; the step
    /// size is scaled by β1/β so every temperature sees the same relative step.
    public static func estimate<M: Model>(model: M, prior: (weightDecay: Double, support: Box?), sampler: SamplerConfiguration,
                                          initial: [Double], settings: ChainSettings,
                                          beta0: (Double, Double) = (1, 1.5)) async throws -> Result {
        let n = Double(model.sampleCount), logn = log(n)
        let beta1 = beta0.0 / logn, beta2 = beta0.1 / logn
        func run(_ beta: Double) async throws -> Diagnostics {
            var configuration = sampler
            configuration.stepSize = sampler.stepSize * beta1 / beta
            let (d, divergences) = try await TemperedLoss.sample(model: model, nbeta: n * beta, prior: prior, sampler: configuration,
                                                                 initial: initial, settings: settings)
            guard divergences == 0 else {
                throw SpecificationError("\(divergences) chain(s) diverged at nβ = \(n * beta); reduce the step size")
            }
            return d
        }
        let d1 = try await run(beta1), d2 = try await run(beta2)
        let e1 = n * d1.mean, e2 = n * d2.mean
        let span = 1 / beta1 - 1 / beta2
        return Result(twoTemperature: (e1 - e2) / span,
                      twoTemperatureError: n * (d1.mcse * d1.mcse + d2.mcse * d2.mcse).squareRoot() / span,
                      imai: beta1 * beta1 * n * n * d1.standardDeviation * d1.standardDeviation,
                      beta1: beta1, beta2: beta2)
    }
}
