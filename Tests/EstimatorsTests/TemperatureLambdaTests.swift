import Foundation
import Models
import Polynomials
import Sampling
import Testing
@testable import Estimators

/// Two-temperature and Imai λ̂ on a regular model and on w^4, uniform prior on
/// [−1, 1]^d, n = 10⁴, MALA with ε = 1/nβ, 4 chains × 4000 draws, thin 10.
/// For these potentials E^β[nβK] = λ up to the box's truncation, so both
/// estimators target λ; the tolerance is 10% (measured, seed 17: two-temperature
/// 0.248 ± 0.017 and 1.007 ± 0.029, Imai 0.253 and 1.006: within 1.2%).
@Suite struct TemperatureLambdaTests {
    @Test(arguments: [("w^4", 0.25), ("0.5*w1^2 + 0.5*w2^2", 1.0)])
    func bothEstimatorsRecoverLambda(k: String, lambda: Double) async throws {
        let model = try Potential(try Polynomial(parsing: k), sampleCount: 10_000)
        let d = model.dimension
        var settings = ChainSettings()
        settings.chains = 4; settings.draws = 4000; settings.thin = 10; settings.burnIn = 500; settings.seed = 17
        let nbeta = 10_000 / log(10_000.0)
        let r = try await TemperatureLambda.estimate(
            model: model, prior: (0, Box(dimension: d, lower: -1, upper: 1)),
            sampler: SamplerConfiguration(kind: .mala, stepSize: 1 / nbeta),
            initial: [Double](repeating: 0, count: d), settings: settings)
        #expect(abs(r.twoTemperature - lambda) / lambda <= 0.1, "\(k): two-temperature \(r.twoTemperature) ± \(r.twoTemperatureError)")
        #expect(abs(r.imai - lambda) / lambda <= 0.1, "\(k): Imai \(r.imai)")
    }
}
