import Models
import Sampling
import Testing
import TestSupport
@testable import Estimators

/// `--step-size auto` (the SGLD pilot) and `--target-mcse` (chains extended until the MCSE reaches it).
@Suite struct AutomaticSettingsTests {
    /// Regular Gaussian potential, λ = d/2 = 1, exact λ̂ = nβ/(nβ + γ). The
    /// pilot walks 10/nβ, 3.2/nβ, 1/nβ, …: the largest rungs must be refused
    /// (divergence or a low MALA acceptance of their steps), the pick must be on
    /// the plateau with its steps accepted by MALA with probability ≥ 0.9, and
    /// a run at the pick must land within 10% of the exact value (seed 3).
    /// Measured through `rlct llc --polynomial "0.5*w1^2+0.5*w2^2" --sampler
    /// sgld --draws 1000 --burn-in 300 --target-mcse 0`: seeds 1–5 picked
    /// 9.2e-5 (= 0.1/nβ) or 2.9e-5, λ̂ 1.01–1.06 against 0.999: the remaining
    /// bias is SGLD's εnβ/2 ≈ 5% at 0.1/nβ.
    @Test func pilotPicksAnAccurateStepOnThePlateau() async throws {
        let model = SeparablePower(coefficients: [0.5, 0.5], power: 2, sampleCount: 10_000)
        let nbeta = Posterior<SeparablePower>.defaultNBeta(sampleCount: 10_000)
        let posterior = Posterior(model: model, nbeta: nbeta, localization: 1)
        var settings = ChainSettings()
        settings.chains = 4; settings.draws = 1000; settings.burnIn = 300; settings.thin = 10; settings.seed = 3
        let sgld = SamplerConfiguration(kind: .sgld, stepSize: 1)
        let pilot = await StepSizePilot.run(posterior: posterior, sampler: sgld, settings: settings)
        #expect(pilot.onPlateau, "\(pilot.reason)")
        #expect(!pilot.trials[0].usable, "10/nβ should be refused: \(pilot.trials[0])")
        #expect(pilot.stepSize < 10 / nbeta && pilot.stepSize >= 1e-3 / nbeta)
        #expect(pilot.steps == pilot.trials.reduce(0) { $0 + $1.steps })
        var chosen = sgld
        chosen.stepSize = pilot.stepSize
        let (estimate, _) = await LocalLearningCoefficient.estimate(posterior: posterior, sampler: chosen, settings: settings)
        let exact = nbeta / (nbeta + 1)
        #expect(abs(estimate.llcMean - exact) / exact < 0.1, "λ̂ \(estimate.llcMean) at ε = \(pilot.stepSize)")
        #expect((estimate.diagnosticAcceptance ?? 0) >= 0.9)
    }

    /// w⁴ (λ = 1/4): MALA's relative MCSE after 500 draws × 2 chains is about
    /// 8% here, so a 4% target needs extensions, and the chains stop as soon as
    /// it is reached, below the budget. A 0.1% target cannot be reached within
    /// 2000 draws: the run stops at the budget and says so.
    @Test func chainsAreExtendedUntilTheTargetOrTheBudget() async throws {
        let model = SeparablePower(coefficients: [1], power: 4, sampleCount: 10_000)
        let posterior = Posterior(model: model, nbeta: Posterior<SeparablePower>.defaultNBeta(sampleCount: 10_000), localization: 1)
        var settings = ChainSettings()
        settings.chains = 2; settings.draws = 500; settings.burnIn = 200; settings.thin = 5; settings.seed = 11
        let mala = SamplerConfiguration(kind: .mala, stepSize: 1e-3)
        let reached = await LocalLearningCoefficient.estimate(posterior: posterior, sampler: mala, settings: settings,
                                                              targetMCSE: 0.04, maxDraws: 8000)
        #expect(reached.precision.reached)
        #expect(reached.precision.extensions >= 1, "relative MCSE \(reached.precision.achieved)")
        #expect(reached.precision.achieved <= 0.04)
        #expect(reached.results.allSatisfy { $0.losses.count == reached.precision.draws })
        #expect(reached.precision.draws < 8000)
        #expect(abs(reached.estimate.llcMean - 0.25) < 4 * reached.estimate.llcMCSE + 0.02)

        let budget = await LocalLearningCoefficient.estimate(posterior: posterior, sampler: mala, settings: settings,
                                                             targetMCSE: 0.001, maxDraws: 2000)
        #expect(!budget.precision.reached)
        #expect(budget.precision.draws == 2000 && budget.precision.extensions == 2)
        #expect(budget.precision.summary.contains("--max-draws"))
    }
}
