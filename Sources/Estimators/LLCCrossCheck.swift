import Foundation
import Models
import Sampling

/// The exact cross-check of an SGLD/SGNHT estimate: a short MALA run on the
/// full batch at the same nβ, localization and w* (MALA is exact, so a
/// disagreement beyond the two errors is the approximate sampler's bias:
/// minibatch noise or the step's discretisation). Where MALA would cost more
/// than `costRatio` times the run it checks, the check is an SGLD run at the
/// step ε/√10 instead (the plateau test of `StepSizePilot`): with a bias
/// linear in ε the two differ by (1 − 1/√10) of the bias.
///
/// Verdict: they disagree when |λ̂ − λ̂_ref| > 2·√(se² + se_ref²) and > 5% of
/// λ̂_ref (docs/estimators.md).
public struct LLCCrossCheck: Sendable, Codable {
    public enum Method: String, Sendable, Codable {
        /// Full-batch MALA, adapted to acceptance 0.8 during its burn-in.
        case mala
        /// The same sampler at ε/√10.
        case smallerStep = "smaller_step"
    }

    public var method: Method
    /// λ̂ of the reference run and its standard error.
    public var reference: Double
    public var referenceError: Double
    /// The reference's step size (MALA: the first chain's adapted step).
    public var stepSize: Double
    /// λ̂ − λ̂_ref.
    public var difference: Double
    /// √(se² + se_ref²).
    public var combinedError: Double
    public var agrees: Bool
    /// Per-sample gradient evaluations of the reference run, and of the run it checks.
    public var cost: Double
    public var checkedCost: Double

    enum CodingKeys: String, CodingKey {
        case method, reference, referenceError = "reference_error", stepSize = "step_size", difference
        case combinedError = "combined_error", agrees, cost, checkedCost = "checked_cost"
    }

    /// MALA is run when it costs at most this many times the checked run.
    public static let costRatio = 1.0

    /// One line for the report.
    public var summary: String {
        let what = method == .mala ? "full-batch MALA" : String(format: "the same sampler at ε = %.3g", stepSize)
        return String(format: "cross-check with %@: λ̂ = %.4g ± %.2g, difference %+.3g (%@ 2·%.2g and 5%%)",
                      what, reference, referenceError, difference, agrees ? "within" : "beyond", combinedError)
    }

    /// Per-sample gradient (or loss) evaluations of a run: steps on batches of
    /// `batch`, plus a full-data loss at each draw when the loss is not the
    /// step's (on the evaluation subset when the settings have one).
    static func cost(settings: ChainSettings, batch: Int, sampleCount n: Int, fullLossAtDraws: Bool) -> Double {
        let steps = Double(settings.chains) * Double(settings.burnIn + settings.draws * max(1, settings.thin))
        let draws = Double(settings.chains) * Double(settings.draws)
        let perDraw = min(settings.evaluationSubset ?? n, n)
        return steps * Double(batch) + (fullLossAtDraws ? draws * Double(perDraw) : 0)
    }

    /// The reference run's settings: MALA, 2 chains (at most the run's), 300
    /// burn-in steps of adaptation, then 2000 draws at every step (MALA's loss
    /// comes with its step, so unthinned draws cost nothing extra).
    public static func malaSettings(_ s: ChainSettings) -> ChainSettings {
        var m = s
        m.chains = min(s.chains, 2)
        m.burnIn = 300
        m.draws = 2000
        m.thin = 1
        m.batchSize = nil
        m.adaptStepSize = true
        m.targetAcceptance = SamplerKind.mala.robustTargetAcceptance
        m.lossEstimator = .fullData
        m.recordPositions = false
        return m
    }

    /// Checks `estimate` (from `sampler` with `settings` on `posterior`).
    public static func run<M: Model>(
        _ estimate: LLCEstimate, posterior: Posterior<M>, sampler: SamplerConfiguration, settings: ChainSettings,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async -> LLCCrossCheck {
        let n = posterior.model.sampleCount
        let batch = min(settings.batchSize ?? n, n)
        let checkedCost = cost(settings: settings, batch: batch, sampleCount: n,
                               fullLossAtDraws: settings.lossEstimator == .fullData && batch < n)
        let malaSettings = Self.malaSettings(settings)
        let malaCost = cost(settings: malaSettings, batch: n, sampleCount: n, fullLossAtDraws: false)
        let useMALA = posterior.model.hasPerSampleData ? malaCost <= costRatio * checkedCost : true
        var reference: LLCEstimate
        var referenceSettings: ChainSettings
        var method: Method
        if useMALA {
            let mala = SamplerConfiguration(kind: .mala, stepSize: SamplerKind.mala.initialStepSize(nbeta: posterior.nbeta))
            (reference, _) = await LocalLearningCoefficient.estimate(posterior: posterior, sampler: mala, settings: malaSettings,
                                                                     progress: progress)
            referenceSettings = malaSettings
            method = .mala
        } else {
            var smaller = sampler
            smaller.stepSize = sampler.stepSize / 10.0.squareRoot()
            var s = settings
            s.recordPositions = false
            (reference, _) = await LocalLearningCoefficient.estimate(posterior: posterior, sampler: smaller, settings: s,
                                                                     progress: progress)
            referenceSettings = s
            method = .smallerStep
        }
        let se = Calibration.standardError(estimate), seRef = Calibration.standardError(reference)
        let combined = (se * se + seRef * seRef).squareRoot()
        let difference = estimate.llcMean - reference.llcMean
        let agrees = reference.llcMean.isFinite && estimate.llcMean.isFinite
            && (abs(difference) <= 2 * combined || abs(difference) <= 0.05 * abs(reference.llcMean))
        let referenceCost = method == .mala ? malaCost
            : cost(settings: referenceSettings, batch: batch, sampleCount: n, fullLossAtDraws: settings.lossEstimator == .fullData && batch < n)
        return LLCCrossCheck(method: method, reference: reference.llcMean, referenceError: seRef, stepSize: reference.stepSize,
                             difference: difference, combinedError: combined, agrees: agrees,
                             cost: referenceCost, checkedCost: checkedCost)
    }
}
