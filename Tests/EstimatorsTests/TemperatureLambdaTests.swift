import Foundation
import Models
import Polynomials
import Sampling
import Testing
@testable import Estimators

/// Two-temperature, multi-temperature and Imai λ̂ on a regular model and on
/// w^4, uniform prior on [−1, 1]^d, n = 10⁴, MALA with ε = 1/nβ at β = 1/log n,
/// 4 chains × 4000 draws, thin 10, temperatures β0 = 0.5, 0.75, 1, 1.5, 2.
/// For these potentials E^β[nβK] = λ up to the box's truncation, so all three
/// target λ; the tolerance is 10%. Measured at seed 17: w^4
/// two-temperature 0.260 ± 0.017, fit 0.252 ± 0.005, Imai 0.253 ± 0.010;
/// regular 1.038 ± 0.029, 1.011 ± 0.008, 1.006 ± 0.025. Over seeds 1–8 the fit
/// stayed within 4% of λ (both models); the two-temperature λ̂ spreads by
/// sd ≈ 7% of λ (one seed at +18% on w^4) and Imai's by ≈ 5%, so for those two
/// the 10% tolerance holds at this seed rather than at every seed.
@Suite struct TemperatureLambdaTests {
    @Test(arguments: [("w^4", 0.25), ("0.5*w1^2 + 0.5*w2^2", 1.0)])
    func allEstimatorsRecoverLambda(k: String, lambda: Double) async throws {
        let model = try Potential(try Polynomial(parsing: k), sampleCount: 10_000)
        let d = model.dimension
        var settings = ChainSettings()
        settings.chains = 4; settings.draws = 4000; settings.thin = 10; settings.burnIn = 500; settings.seed = 17
        let nbeta = 10_000 / log(10_000.0)
        let r = try await TemperatureLambda.estimate(
            model: model, prior: .uniform(-1, 1, dimension: d),
            sampler: SamplerConfiguration(kind: .mala, stepSize: 1 / nbeta),
            initial: [Double](repeating: 0, count: d), settings: settings)
        #expect(abs(r.twoTemperature - lambda) / lambda <= 0.1, "\(k): two-temperature \(r.twoTemperature) ± \(r.twoTemperatureError)")
        #expect(abs(r.imai - lambda) / lambda <= 0.1, "\(k): Imai \(r.imai) ± \(r.imaiError)")
        #expect(abs(r.multiTemperature - lambda) / lambda <= 0.1, "\(k): fit \(r.multiTemperature) ± \(r.multiTemperatureError)")
        // The fit's error is honest: within 3 se of λ here (measured |z| ≤ 1.3 at seed 17).
        #expect(abs(r.multiTemperature - lambda) <= 3 * r.multiTemperatureError, "\(k): fit \(r.multiTemperature) ± \(r.multiTemperatureError)")
        #expect(r.imaiError > 0 && r.imaiError < 0.1 * lambda)
        #expect(r.temperatures.count == 5 && r.fitBeta0 == [0.5, 0.75, 1, 1.5, 2])
        // Each temperature's verdict, and the result's as the worst of them, every reason naming its β0.
        let worst = r.temperatures.map { $0.verdict.level }.max()
        #expect(r.verdict.level == worst)
        #expect(r.verdict.reasons.allSatisfy { $0.message.hasPrefix("β0 = ") })
        #expect(r.temperatures.allSatisfy { !$0.verdict.contains(.divergence) && $0.acceptance != nil })
    }
}
