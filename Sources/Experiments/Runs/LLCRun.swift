import Estimators
import Foundation
import Models
import Sampling

/// The local learning coefficient at w* (`LocalLearningCoefficient`) for an
/// `LLCRequest`: with `autoStepSize`, the step is chosen first (a pilot for
/// SGLD/SGNHT, adaptation during burn-in for MALA/HMC); with `targetMCSE`,
/// the chains are extended until the MCSE reaches it or the draw budget.
public struct LLCRun: ModelRun, Sendable {
    public var request: LLCRequest
    public var title: String
    public var progress: (@Sendable (Int) -> Void)?
    /// Told the pilot's total steps before it runs (the progress line grows).
    public var expectSteps: (@Sendable (Int) -> Void)?

    public init(request: LLCRequest, title: String, progress: (@Sendable (Int) -> Void)? = nil,
                expectSteps: (@Sendable (Int) -> Void)? = nil) {
        self.request = request
        self.title = title
        self.progress = progress
        self.expectSteps = expectSteps
    }

    public func run<M: Model>(on model: M) async throws -> LLCReport {
        let (posterior, centerMove) = try request.posteriorReporting(for: model)
        var sampler = request.sampler
        var settings = request.settings
        var pilot: StepSizePilot?
        let clock = ContinuousClock()
        let started = clock.now
        if request.autoStepSize {
            sampler.stepSize = sampler.kind.initialStepSize(nbeta: posterior.nbeta)
            if sampler.kind.isMetropolisAdjusted {
                settings.adaptStepSize = true
                settings.targetAcceptance = settings.targetAcceptance ?? sampler.kind.robustTargetAcceptance
            } else {
                let pilotSettings = StepSizePilot.pilotSettings(settings)
                // SGLD: the ladder starts below the stability bound of the potential's
                // curvature at w* (SGNHT's h is not a Langevin ε: the plain ladder).
                let curvature = sampler.kind == .sgld ? StepSizePilot.curvature(posterior: posterior, seed: settings.seed) : nil
                let plain = StepSizePilot.ladder(nbeta: posterior.nbeta)
                let rungs = curvature.map { StepSizePilot.ladder(nbeta: posterior.nbeta, curvature: $0.potential) } ?? plain
                // The largest-usable fallback only where the curvature bound cut the ladder
                // (a stiff network); at a flat singular point the top rungs can leave the
                // prior's support, and the plain ladder's smallest-usable rule stays.
                let cut = (rungs.first ?? 0) < (plain.first ?? 0)
                expectSteps?(rungs.count * pilotSettings.chains * (pilotSettings.burnIn + pilotSettings.draws * pilotSettings.thin))
                var chosen = await StepSizePilot.run(posterior: posterior, sampler: sampler, settings: settings,
                                                     ladder: rungs, fallback: cut ? .largest : .smallest,
                                                     progress: progress)
                chosen.curvature = curvature
                sampler.stepSize = chosen.stepSize
                pilot = chosen
            }
        }
        let pilotDone = clock.now
        var estimate: LLCEstimate, results: [ChainResult]
        var precision: PrecisionTarget?
        if let target = request.targetMCSE {
            let expect = expectSteps
            let stepsPerDraw = settings.chains * max(1, settings.thin)
            let run = await LocalLearningCoefficient.estimate(
                posterior: posterior, sampler: sampler, settings: settings, targetMCSE: target,
                maxDraws: request.maxDraws ?? settings.draws * RunConfiguration.defaultMaxDrawsFactor,
                progress: progress, extending: { draws in expect?(stepsPerDraw * draws) })
            (estimate, results, precision) = (run.estimate, run.results, run.precision)
        } else {
            (estimate, results) = await LocalLearningCoefficient.estimate(posterior: posterior, sampler: sampler,
                                                                          settings: settings, progress: progress)
        }
        var crossCheck: LLCCrossCheck?
        let sampled = clock.now
        if request.crossCheck, sampler.kind == .sgld || sampler.kind == .sgnht, estimate.llcMean.isFinite {
            let mala = LLCCrossCheck.malaSettings(settings)
            expectSteps?(mala.chains * (mala.burnIn + mala.draws))
            let check = await LLCCrossCheck.run(estimate, posterior: posterior, sampler: sampler, settings: settings, progress: progress)
            if !check.agrees {
                estimate.verdict.add(.minibatchBias, .unreliable,
                                     "minibatch SGLD bias: λ̂ disagrees with \(check.method == .mala ? "full-batch MALA (exact)" : "the step ε/√10") beyond both errors; reduce the step size or use --sampler mala",
                                     value: check.difference, threshold: 2 * check.combinedError)
            }
            crossCheck = check
        }
        let finished = clock.now
        var report = LLCReport(title: title, estimate: estimate, results: results, parameterNames: model.parameterNames)
        report.pilot = pilot
        report.precision = precision
        report.adaptedStepSizes = settings.adaptStepSize && sampler.kind.isMetropolisAdjusted ? results.map(\.stepSize) : nil
        report.adaptationTarget = settings.targetAcceptance ?? sampler.kind.targetAcceptance
        report.crossCheck = crossCheck
        report.centerMove = centerMove
        report.timings = LLCReport.Timings(pilot: (pilotDone - started).seconds, sampling: (sampled - pilotDone).seconds,
                                           crossCheck: (finished - sampled).seconds)
        return report
    }
}

extension Duration {
    /// The duration in seconds.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
