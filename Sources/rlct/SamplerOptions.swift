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

    @Option(help: "Number of chains (run in parallel; chain k uses stream k of the seed).")
    var chains: Int = 4

    @Option(help: "Draws kept per chain.")
    var draws: Int = 2000

    @Option(name: .customLong("burn-in"), help: "Steps discarded per chain before the first draw.")
    var burnIn: Int = 500

    @Option(help: "Steps between kept draws (devinterp's num_steps_bw_draws). Steps are cheap here; draws evaluate the full-data loss.")
    var thin: Int = 10

    @Option(help: "Random seed (data and chains).")
    var seed: UInt64 = 1

    @Option(help: "Minibatch size for SGLD/SGNHT (default: full batch).")
    var batch: Int?

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
        guard chains >= 1 else { throw ValidationError("--chains: expected at least 1, got \(chains)") }
        guard draws >= 1 else { throw ValidationError("--draws: expected at least 1, got \(draws)") }
        guard burnIn >= 0 else { throw ValidationError("--burn-in: expected at least 0, got \(burnIn)") }
        guard thin >= 1 else { throw ValidationError("--thin: expected at least 1, got \(thin)") }
        if let batch, batch < 1 { throw ValidationError("--batch: expected at least 1, got \(batch)") }
        guard leapfrogSteps >= 1 else { throw ValidationError("--leapfrog-steps: expected at least 1, got \(leapfrogSteps)") }
        do {
            try ResourceEstimate.checkStepCount(settings, names: .commandLine)
        } catch let error as SpecError {
            throw ValidationError(error.description)
        }
    }

    var configuration: SamplerConfiguration {
        SamplerConfiguration(kind: sampler, stepSize: stepSize ?? sampler.defaultStepSize,
                             leapfrogSteps: leapfrogSteps, diffusion: diffusion)
    }

    var settings: ChainSettings {
        var s = ChainSettings()
        s.chains = chains
        s.draws = draws
        s.burnIn = burnIn
        s.thin = thin
        s.seed = seed
        s.batchSize = batch
        s.lossEstimator = loss
        s.adaptStepSize = adapt
        return s
    }
}

extension ChainSettings.LossEstimator: ExpressibleByArgument {}
