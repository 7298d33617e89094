import ArgumentParser
import Experiments
import Sampling

extension SamplerKind: ExpressibleByArgument {}

/// The sampler flags, named as devinterp names them where it has names.
struct SamplerOptions: ParsableArguments {
    @Option(help: "Sampler: sgld, mala, sgnht or hmc.")
    var sampler: SamplerKind = .sgld

    @Option(name: .customLong("step-size"), help: "ε (SGLD, MALA; default 1e-4) or the integration step h (SGNHT, HMC; default 0.01). See `rlct calibrate`.")
    var stepSize: Double?

    @Option(help: "γ, the pull towards w* (devinterp's localization).")
    var localization: Double = 1

    @Option(help: "nβ; default n / log n from the data size (never the batch size).")
    var nbeta: Double?

    @OptionGroup var chain: ChainOptions<SamplingDefaults>

    var chains: Int { chain.chains }
    var draws: Int { chain.draws }
    var burnIn: Int { chain.burnIn }
    var thin: Int { chain.thin }
    var seed: UInt64 { chain.seed }
    var batch: Int? { chain.batch }

    @Option(help: "Loss recorded at each draw: full (L_n on all data) or minibatch (devinterp's variant).")
    var loss: ChainSettings.LossEstimator = .fullData

    @Flag(help: "Adapt the MALA/HMC step size during burn-in (dual averaging).")
    var adapt = false

    @Option(name: .customLong("leapfrog-steps"), help: "HMC: leapfrog steps per proposal.")
    var leapfrogSteps: Int = 10

    @Option(help: "SGNHT: the diffusion A.")
    var diffusion: Double = 1

    func validate() throws {
        if let stepSize, !(stepSize > 0 && stepSize.isFinite) { throw ValidationError("--step-size: expected a positive number, got \(stepSize)") }
        guard localization >= 0, localization.isFinite else { throw ValidationError("--localization: expected a finite number ≥ 0, got \(localization)") }
        if let nbeta, !(nbeta > 0 && nbeta.isFinite) { throw ValidationError("--nbeta: expected a positive finite number, got \(nbeta)") }
        guard diffusion >= 0, diffusion.isFinite else { throw ValidationError("--diffusion: expected a finite number ≥ 0, got \(diffusion)") }
        guard leapfrogSteps >= 1 else { throw ValidationError("--leapfrog-steps: expected at least 1, got \(leapfrogSteps)") }
        do {
            try ResourceEstimate.checkStepCount(settings, names: .settings)
        } catch let error as SpecError {
            throw ValidationError(FlagNames.message(for: error))
        }
    }

    var configuration: SamplerConfiguration {
        SamplerConfiguration(kind: sampler, stepSize: stepSize ?? sampler.defaultStepSize,
                             leapfrogSteps: leapfrogSteps, diffusion: diffusion)
    }

    var settings: ChainSettings {
        var s = chain.settings
        s.lossEstimator = loss
        s.adaptStepSize = adapt
        return s
    }
}

extension ChainSettings.LossEstimator: ExpressibleByArgument {}
