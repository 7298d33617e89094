import Foundation
import Models
import Sampling

/// `--step-size auto` for the samplers without a Metropolis correction
/// (SGLD, SGNHT): short LLC runs down a ladder of step sizes, from large to
/// small, until two neighbouring usable steps agree within two standard
/// errors and 5% (the `rlct calibrate` plateau rule on one column), and takes
/// the smaller of the two: the SGLD bias is linear in ε, so at the smaller
/// step it is the pair's difference / (√10 − 1), under 2.3%. A step is usable when no chain diverged, λ̂ is finite and ≥ 0,
/// and the MALA acceptance probability of its SGLD steps is at least
/// `DiagnosticThresholds.sgldAcceptance`.
///
/// The ladder is ε_k = 10^(1 − k/2) / nβ, k = 0 … 7: the posterior's spread
/// scales as 1/nβ in the regular directions, so the ladder follows the
/// temperature. A network's curvature can put all eight rungs above the
/// step SGLD survives, so for SGLD `LLCRun` starts the ladder at the first
/// rung at or below 2/λmax(∇²U), the stability bound of the potential's
/// curvature at w* (`curvature(posterior:seed:)`, `ladder(nbeta:curvature:)`).
/// MALA and HMC do not need it: they adapt to their target
/// acceptance during burn-in (`ChainSettings.adaptStepSize`).
public struct StepSizePilot: Sendable, Codable {
    /// One rung: its step size and the short run's λ̂.
    public struct Trial: Sendable, Codable {
        public var stepSize: Double
        public var llc: Double
        public var standardError: Double
        public var usable: Bool
        public var rejection: String?
        /// Sampler steps this rung ran (all chains).
        public var steps: Int

        enum CodingKeys: String, CodingKey {
            case stepSize = "step_size", llc, standardError = "standard_error", usable, rejection, steps
        }
    }

    /// The step the run should use.
    public var stepSize: Double
    /// Whether a plateau was found (else the smallest usable or smallest rung).
    public var onPlateau: Bool
    public var trials: [Trial]
    /// Sampler steps the pilot ran in all.
    public var steps: Int
    public var reason: String
    /// The curvature bound the ladder started below (SGLD), nil for the plain ladder.
    public var curvature: Curvature?

    enum CodingKeys: String, CodingKey {
        case stepSize = "step_size", onPlateau = "on_plateau", trials, steps, reason, curvature
    }

    /// The ladder at `nbeta`, largest first.
    public static func ladder(nbeta: Double, rungs: Int = 8) -> [Double] {
        (0..<rungs).map { pow(10, 1 - Double($0) / 2) / nbeta }
    }

    /// The pilot's chain settings: at most 2 chains of 100 draws after at most
    /// 200 burn-in steps, at the run's thinning and batch.
    public static func pilotSettings(_ settings: ChainSettings) -> ChainSettings {
        var s = settings
        s.chains = min(settings.chains, 2)
        s.draws = min(settings.draws, 100)
        s.burnIn = min(settings.burnIn, 200)
        s.recordPositions = false
        s.adaptStepSize = false
        s.diagnosticProbes = min(settings.diagnosticProbes, 20)
        return s
    }

    /// Which usable rung to take when no two neighbours agree.
    public enum Fallback: Sendable {
        /// The smallest (the plain ladder: least discretisation bias).
        case smallest
        /// The largest (a ladder below the curvature bound: every usable rung's steps
        /// pass the MALA probe, so their disagreement is slow mixing, which a smaller
        /// step only makes worse; on networks λ̂ grows with ε until the chains reach
        /// the bulk of the directions).
        case largest
    }

    /// Walks the ladder. Deterministic: every rung uses the run's seed, and
    /// rung k + 1 starts where rung k's chains stopped.
    public static func run<M: Model>(
        posterior: Posterior<M>, sampler: SamplerConfiguration, settings: ChainSettings,
        ladder: [Double]? = nil, fallback: Fallback = .smallest, progress: (@Sendable (Int) -> Void)? = nil
    ) async -> StepSizePilot {
        let pilot = pilotSettings(settings)
        let rungs = ladder ?? Self.ladder(nbeta: posterior.nbeta)
        var trials: [Trial] = []
        var previousUsable: Trial?
        // Each rung starts its chains where the previous rung's healthy chains
        // stopped (annealing down the ladder), so a small step needs only to
        // re-equilibrate, not to travel from w*; λ̂ is measured from L_n(w*).
        var starts: [[Double]] = Array(repeating: posterior.center, count: pilot.chains)
        var centerLoss: Double?
        for eps in rungs {
            var configuration = sampler
            configuration.stepSize = eps
            let from = starts, rung = configuration
            var results = Parallel.map(pilot.chains) { k in
                ChainRunner.runChain(k, posterior: posterior, sampler: rung, initial: from[k], settings: pilot,
                                     progress: progress)
            }
            if centerLoss == nil { centerLoss = results.first?.initialLoss }
            for k in results.indices {
                if let centerLoss { results[k].initialLoss = centerLoss }
                if results[k].divergence == nil, !results[k].losses.isEmpty { starts[k] = results[k].finalPosition }
            }
            let estimate = LocalLearningCoefficient.summarize(results, posterior: posterior, sampler: configuration)
            let steps = results.reduce(0) { total, r in
                total + (r.divergence.map { $0.step + 1 } ?? (pilot.burnIn + pilot.draws * max(1, pilot.thin)))
            }
            let rejection = Self.rejection(estimate)
            let se = Calibration.standardError(estimate)
            let trial = Trial(stepSize: eps, llc: estimate.llcMean, standardError: se, usable: rejection == nil,
                              rejection: rejection, steps: steps)
            trials.append(trial)
            guard trial.usable else { continue }
            if let larger = previousUsable, Self.agree(larger, trial) {
                return StepSizePilot(stepSize: trial.stepSize, onPlateau: true, trials: trials,
                                     steps: trials.reduce(0) { $0 + $1.steps },
                                     reason: String(format: "the smaller of the first two neighbouring steps whose λ̂ agree within 2 standard errors and 5%% (%.3g and %.3g); with a bias linear in ε it carries under half their difference", larger.stepSize, eps))
            }
            previousUsable = trial
        }
        let total = trials.reduce(0) { $0 + $1.steps }
        if fallback == .largest, let largest = trials.first(where: \.usable) {
            return StepSizePilot(stepSize: largest.stepSize, onPlateau: false, trials: trials, steps: total,
                                 reason: "no two neighbouring steps agree: the largest usable step below the curvature bound (its steps pass the MALA probe, so the disagreement is slow mixing, which smaller steps make worse); `rlct calibrate` shows the ε dependence")
        }
        if let smallest = trials.last(where: \.usable) {
            return StepSizePilot(stepSize: smallest.stepSize, onPlateau: false, trials: trials, steps: total,
                                 reason: "no two neighbouring steps agree: the smallest usable step; run `rlct calibrate` with smaller steps")
        }
        return StepSizePilot(stepSize: rungs.last ?? sampler.stepSize, onPlateau: false, trials: trials, steps: total,
                             reason: "no usable step on the ladder: the smallest; run `rlct calibrate`")
    }

    /// The plateau test of `Calibration` (`Calibration.agrees`): within two
    /// combined standard errors and 5% (every rung uses the same seed and
    /// starts where the previous one stopped, so much of the runs' noise is shared).
    static func agree(_ a: Trial, _ b: Trial) -> Bool {
        Calibration.agrees(a.llc, error: a.standardError, b.llc, error: b.standardError)
    }

    static func rejection(_ e: LLCEstimate) -> String? {
        if !e.divergences.isEmpty { return "\(e.divergences.count) chain(s) diverged" }
        if !e.llcMean.isFinite { return "no estimate" }
        if e.llcMean < 0 { return "negative λ̂" }
        if let a = e.diagnosticAcceptance, a < LLCWarningThresholds.sgldAcceptance {
            return String(format: "MALA acceptance of its steps %.2f < %.2f", a, LLCWarningThresholds.sgldAcceptance)
        }
        return nil
    }
}
