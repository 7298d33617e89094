import Models
import Sampling
import Testing
import TestSupport
@testable import Estimators

@Suite struct CalibrationTests {
    /// Regular Gaussian potential, λ = d/2 = 1: step sizes from far too small
    /// to far too large. The largest steps must be rejected (divergence or a
    /// low MALA acceptance of the SGLD step) and the recommendation must sit
    /// on the plateau, with λ̂ within 10% of nβ/(nβ+γ)·1 (the exact value).
    @Test func recommendsAPlateauStepSizeAndRejectsTheUnstableOnes() async throws {
        let model = SeparablePower(coefficients: [0.5, 0.5], power: 2, sampleCount: 10_000)
        var settings = ChainSettings()
        settings.chains = 4; settings.draws = 3000; settings.burnIn = 500; settings.seed = 21
        let nbeta = Posterior<SeparablePower>.defaultNBeta(sampleCount: 10_000)
        let calibration = try await Calibration.run(
            model: model, center: [0, 0],
            sampler: SamplerConfiguration(kind: .sgld, stepSize: 1),
            stepSizes: [1e-5, 3e-5, 1e-4, 1.5e-4, 3e-4, 3e-3, 3e-2], localizations: [1], nbetas: [nbeta],
            settings: settings)
        #expect(calibration.cells.count == 7)
        let big = calibration.cells.filter { $0.stepSize >= 3e-3 }
        #expect(big.allSatisfy { !$0.usable }, "\(big.map(\.rejection))")
        let pick = try! #require(calibration.recommended)
        #expect(pick.onPlateau)
        #expect(pick.stepSize <= 3e-4)
        let exact = nbeta / (nbeta + 1)
        #expect(abs(pick.estimate.llcMean - exact) / exact < 0.1, "λ̂ \(pick.estimate.llcMean)")
    }

    @Test func noUsableCellSaysSo() {
        let calibration = Calibration(cells: [])
        #expect(calibration.recommended == nil)
        #expect(calibration.reason.hasPrefix("no usable cell"))
    }
}
