import ArgumentParser
import Experiments
import Foundation
import Sampling

extension SamplerKind: ExpressibleByArgument {}

/// The sampler flags, named as devinterp names them where it has names. A
/// flag not given is nil: `RunConfiguration.resolve` lays the flags given over
/// the spec's `sampler`/`llc` sections and the estimator's defaults, and the
/// output says where each setting came from.
struct SamplerOptions: ParsableArguments {
    @Option(help: "Sampler: sgld, mala, sgnht or hmc. Default: mala (exact) for potentials, full-batch data and the whole-posterior estimators; sgld when the data are minibatched (--batch).")
    var sampler: SamplerKind?

    @Option(name: .customLong("step-size"),
            help: "ε (SGLD, MALA) or the integration step h (SGNHT, HMC), or auto (default): MALA/HMC adapt to their target acceptance during burn-in; SGLD/SGNHT take the largest step on the λ̂ plateau of a short pilot. See `rlct calibrate`.",
            transform: StepSizeArgument.init(parsing:))
    var stepSize: StepSizeArgument?

    @Option(help: "γ, the pull towards w* (devinterp's localization). Default 1.")
    var localization: Double?

    @Option(help: "nβ; default n / log n from the data size (never the batch size).")
    var nbeta: Double?

    @OptionGroup var chain: ChainOptions<SamplingDefaults>

    var seed: UInt64 { chain.dataSeed }

    @Option(help: "Loss recorded at each draw: full (L_n on all data, default) or minibatch (devinterp's variant).")
    var loss: ChainSettings.LossEstimator?

    @Option(name: .customLong("eval-subset"),
            help: "Minibatched networks: estimate the full-data loss at each draw on a fixed random subset of this many samples per chain (0: all n). Default \(RunConfiguration.defaultEvaluationSubset) when \(RunConfiguration.largeNetworkDataRule), else all n.")
    var evalSubset: Int?

    @Flag(help: "Adapt the MALA/HMC step size during burn-in (dual averaging); implied by --step-size auto.")
    var adapt = false

    @Option(name: .customLong("leapfrog-steps"), help: "HMC: leapfrog steps per proposal. Default 10.")
    var leapfrogSteps: Int?

    @Option(help: "SGNHT: the diffusion A. Default 1.")
    var diffusion: Double?

    @Option(name: .customLong("target-mcse"),
            help: "llc: extend the chains until the MCSE is at most this fraction of |λ̂| (default 0.02; 0 turns it off), up to --max-draws.")
    var targetMCSE: Double?

    @Option(name: .customLong("max-draws"), help: "llc: the draws per chain --target-mcse may extend to. Default 4 × --draws.")
    var maxDraws: Int?

    @Flag(name: .customLong("cross-check"), inversion: .prefixedNo,
          help: "llc with sgld/sgnht: check the estimate against full-batch MALA (exact) where that costs at most the run itself, else against the step ε/√10 (default on).")
    var crossCheck: Bool?

    func validate() throws {
        if let localization, !(localization >= 0 && localization.isFinite) { throw ValidationError("--localization: expected a finite number ≥ 0, got \(localization)") }
        if let nbeta, !(nbeta > 0 && nbeta.isFinite) { throw ValidationError("--nbeta: expected a positive finite number, got \(nbeta)") }
        if let diffusion, !(diffusion >= 0 && diffusion.isFinite) { throw ValidationError("--diffusion: expected a finite number ≥ 0, got \(diffusion)") }
        if let leapfrogSteps, leapfrogSteps < 1 { throw ValidationError("--leapfrog-steps: expected at least 1, got \(leapfrogSteps)") }
        if let targetMCSE, !(targetMCSE >= 0 && targetMCSE < 1) { throw ValidationError("--target-mcse: expected a fraction in [0, 1), got \(targetMCSE)") }
        if let evalSubset, evalSubset < 0 { throw ValidationError("--eval-subset: expected a sample count ≥ 0 (0: all n), got \(evalSubset)") }
        if let maxDraws, maxDraws < 1 { throw ValidationError("--max-draws: expected at least 1, got \(maxDraws)") }
        do {
            try ResourceEstimate.checkStepCount(chain.settings, names: .settings)
            if let maxDraws {
                var longest = chain.settings
                longest.draws = max(longest.draws, maxDraws)
                try ResourceEstimate.checkStepCount(longest, names: .settings)
            }
        } catch let error as SpecError {
            throw ValidationError(FlagNames.message(for: error))
        }
    }

    /// The flags given.
    var overrides: SamplerOverrides {
        var o = SamplerOverrides()
        o.sampler = sampler
        o.stepSize = stepSize?.choice
        o.localization = localization
        o.nbeta = nbeta
        chain.apply(to: &o)
        o.lossEstimator = loss
        o.evaluationSubset = evalSubset
        o.adaptStepSize = adapt ? true : nil
        o.leapfrogSteps = leapfrogSteps
        o.diffusion = diffusion
        o.targetMCSE = targetMCSE
        o.maxDraws = maxDraws
        o.crossCheck = crossCheck
        return o
    }

    /// The configuration for `estimator` on `experiment`: flags over its
    /// spec's sections over the defaults; errors name the flag or spec field.
    func resolve(_ estimator: EstimatorKind, for experiment: Experiment, model: ModelOptions) throws -> RunConfiguration {
        do {
            return try RunConfiguration.resolve(for: estimator, spec: model.spec == nil ? nil : experiment.spec,
                                                flags: overrides, model: experiment.model)
        } catch let error as SpecError {
            throw model.flagError(error)
        }
    }
}

extension SamplerOptions {
    /// `RunConfiguration.wholePosterior`, its errors spelled as flags.
    func wholePosterior(_ configuration: inout RunConfiguration, nbeta: Double, estimator: EstimatorKind,
                        model: ModelOptions) throws -> (SamplerConfiguration, ChainSettings) {
        do {
            return try configuration.wholePosterior(nbeta: nbeta, estimator: estimator)
        } catch let error as SpecError {
            throw model.flagError(error)
        }
    }
}

extension ChainSettings.LossEstimator: ExpressibleByArgument {}
