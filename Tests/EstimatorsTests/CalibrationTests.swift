import Models
import Polynomials
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
        #expect(big.allSatisfy { $0.estimate.verdict.level != .ok })
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

    /// The user's report: MALA at small steps accepts > 0.9 of its proposals. That is
    /// `check` ("inefficient: increase the step size"), not a rejection, and the plateau
    /// it forms is recommended. w^4, n = 10⁴, γ = 1, 4 chains × 2000 draws (thin 10) after
    /// 300 burn-in, seed 1, as `rlct calibrate --polynomial w^4 --sampler mala --step-sizes
    /// 1e-4,1e-3`: measured acceptance 1.00 and 0.99, λ̂ 0.2594 ± 0.020 and 0.2514 ± 0.0066
    /// (3% apart, within the plateau's 5% and 2 se), so the assertions are structural.
    @Test func malaAtHighAcceptanceAdvisesLargerStepsAndStillRecommends() async throws {
        let model = try Potential(try Polynomial(parsing: "w^4"), sampleCount: 10_000)
        var settings = ChainSettings()
        settings.draws = 2000; settings.burnIn = 300; settings.thin = 10; settings.seed = 1
        let calibration = try await Calibration.run(
            model: model, center: [0], prior: .uniform(-1, 1, dimension: 1),
            sampler: SamplerConfiguration(kind: .mala, stepSize: 1), stepSizes: [1e-4, 1e-3], localizations: [1],
            nbetas: [Posterior<Potential>.defaultNBeta(sampleCount: 10_000)], settings: settings)
        for cell in calibration.cells {
            let a = try #require(cell.estimate.acceptance)
            #expect(a > 0.9, "ε = \(cell.stepSize): acceptance \(a)")
            let high = try #require(cell.estimate.verdict.reasons.first { $0.code == .acceptanceHigh })
            #expect(high.level == .check && high.message.contains("increase the step size"))
            #expect(cell.usable, "\(cell.rejection ?? "")")
        }
        let pick = try #require(calibration.recommended)
        #expect(pick.passes && pick.stepSize == 1e-3)
        #expect(!calibration.reason.contains("smaller step sizes"))
    }

    /// A cell from a constructed estimate: λ̂ ± se with the given verdict reasons.
    func cell(_ step: Double, _ llc: Double, se: Double = 0.005, gamma: Double = 1, reasons: [Verdict.Reason] = []) -> Calibration.Cell {
        var e = LLCEstimate(llcMean: llc, llcStd: 0, llcMCSE: se, chains: [llc, llc, llc, llc], nbeta: 1000, sampleCount: 10_000,
                            sampler: "mala", stepSize: step, localization: gamma, lossAtCenter: 0, rhat: 1, essBulk: 4000, essTail: 4000,
                            acceptance: 0.6, diagnosticAcceptance: nil, divergences: [], draws: 1000, targetMCSE: 0.02 * llc,
                            verdict: Verdict(reasons: reasons))
        e.stepSize = step
        return Calibration.Cell(stepSize: step, localization: gamma, nbeta: 1000, estimate: e)
    }

    static let high = Verdict.Reason(.acceptanceHigh, .check, "acceptance 0.99 above 0.40–0.90: inefficient (tiny moves); increase the step size")
    static let unmixed = Verdict.Reason(.rHat, .unreliable, "R̂ 1.2 > 1.05")
    static let diverged = Verdict.Reason(.divergence, .unreliable, "4 chain(s) diverged: reduce the step size")

    /// Whenever a cell passes (usable and on the plateau), one is recommended, and
    /// the recommendation passes; checked over every pattern of ok / check /
    /// unreliable on a four-step grid whose λ̂ all agree.
    @Test func recommendsACellWheneverOnePasses() {
        let choices: [[Verdict.Reason]] = [[], [Self.high], [Self.unmixed]]
        for pattern in 0..<81 {
            var code = pattern
            let cells = [1e-4, 3e-4, 1e-3, 3e-3].map { step -> Calibration.Cell in
                defer { code /= 3 }
                return cell(step, 0.25, reasons: choices[code % 3])
            }
            let calibration = Calibration(cells: cells)
            let passing = calibration.cells.filter(\.passes)
            if passing.isEmpty {
                #expect(calibration.recommended?.passes != true, "pattern \(pattern)")
            } else {
                let pick = calibration.recommended
                #expect(pick?.passes == true, "pattern \(pattern): \(calibration.reason)")
                #expect(pick?.estimate.verdict.level != .unreliable)
                // ok is preferred over check whenever an ok cell passes.
                if passing.contains(where: { $0.estimate.verdict.level == .ok }) {
                    #expect(pick?.estimate.verdict.level == .ok, "pattern \(pattern)")
                }
            }
        }
    }

    @Test func prefersTheLargestOKPlateauStep() {
        let calibration = Calibration(cells: [cell(1e-4, 0.25), cell(3e-4, 0.251), cell(1e-3, 0.25, reasons: [Self.high]),
                                              cell(3e-3, 0.249, reasons: [Self.high])])
        #expect(calibration.cells.allSatisfy { $0.onPlateau })
        #expect(calibration.recommended?.stepSize == 3e-4)
        #expect(calibration.reason.contains("verdict is ok"))
        // Without an ok cell the largest check cell is taken, and the reason says so.
        let checks = Calibration(cells: [cell(1e-3, 0.25, reasons: [Self.high]), cell(3e-3, 0.249, reasons: [Self.high])])
        #expect(checks.recommended?.stepSize == 3e-3)
        #expect(checks.reason.contains("no plateau cell is ok"))
    }

    /// With no usable cell, the advice points both ways: smaller steps where cells
    /// diverged, longer runs or larger steps where they did not mix.
    @Test func noUsableCellAdvisesTheRightDirection() {
        let calibration = Calibration(cells: [cell(1e-6, 0.1, reasons: [Self.unmixed]), cell(1e-5, 0.2, reasons: [Self.unmixed]),
                                              cell(1e-1, .nan, reasons: [Self.diverged])])
        #expect(calibration.recommended == nil)
        #expect(calibration.reason.hasPrefix("no usable cell"))
        #expect(calibration.reason.contains("1 cell(s) diverged or had too large a step (step sizes from 0.1 up): use smaller step sizes"),
                "\(calibration.reason)")
        #expect(calibration.reason.contains("2 cell(s) did not mix"), "\(calibration.reason)")
        #expect(calibration.reason.contains("larger step sizes"))
        // A cell whose error bar is wider than 10% of λ̂ is not usable either, nor one whose
        // step biases SGLD or is mostly rejected; a high acceptance alone is usable.
        #expect(!cell(1e-4, 0.25, se: 0.03).usable)
        #expect(!cell(1e-2, 0.25, reasons: [.init(.sgldProbe, .check, "reduce it")]).usable)
        #expect(!cell(1e-2, 0.25, reasons: [.init(.acceptanceLow, .check, "reduce the step size")]).usable)
        #expect(cell(1e-4, 0.25, reasons: [Self.high]).usable)
    }
}
