import ArgumentParser
import Experiments
import Sampling

/// The default chain lengths of a command (`ChainOptions<Defaults>`).
protocol ChainDefaults {
    static var burnIn: Int { get }
}

/// `rlct llc` and every sampling command: 500 burn-in steps per chain.
enum SamplingDefaults: ChainDefaults {
    static let burnIn = 500
}

/// `rlct calibrate`: 300 burn-in steps per cell (its grid runs many cells;
/// README.md's calibration table was measured with it).
enum CalibrationDefaults: ChainDefaults {
    static let burnIn = 300
}

/// The chain flags, declared once: how many chains, how long, which seed and
/// batch. `SamplerOptions` and `rlct calibrate` include them. A flag not given
/// is nil, so that a spec's `sampler` section can supply it (`RunConfiguration`).
struct ChainOptions<Defaults: ChainDefaults>: ParsableArguments {
    @Option(help: "Number of chains (run in parallel; chain k uses stream k of the seed). Default 4.")
    var chains: Int?

    @Option(help: "Draws kept per chain. Default 2000.")
    var draws: Int?

    @Option(name: .customLong("burn-in"), help: "Steps discarded per chain before the first draw. Default \(Defaults.burnIn).")
    var burnIn: Int?

    @Option(help: "Steps between kept draws (devinterp's num_steps_bw_draws). Default 10. Steps are cheap here; draws evaluate the full-data loss.")
    var thin: Int?

    @Option(help: "Random seed (data and chains). Default 1.")
    var seed: UInt64?

    @Option(help: "Minibatch size for SGLD/SGNHT (default: full batch).")
    var batch: Int?

    func validate() throws {
        if let chains, chains < 1 { throw ValidationError("--chains: expected at least 1, got \(chains)") }
        if let draws, draws < 1 { throw ValidationError("--draws: expected at least 1, got \(draws)") }
        if let burnIn, burnIn < 0 { throw ValidationError("--burn-in: expected at least 0, got \(burnIn)") }
        if let thin, thin < 1 { throw ValidationError("--thin: expected at least 1, got \(thin)") }
        if let batch, batch < 1 { throw ValidationError("--batch: expected at least 1, got \(batch)") }
    }

    /// The seed for making data (--q) before the settings are resolved.
    var dataSeed: UInt64 { seed ?? 1 }

    /// The settings these flags give with the command's defaults (loss
    /// estimator and adaptation at theirs), for commands that take no spec sections.
    var settings: ChainSettings {
        var s = ChainSettings()
        s.chains = chains ?? 4
        s.draws = draws ?? 2000
        s.burnIn = burnIn ?? Defaults.burnIn
        s.thin = thin ?? 10
        s.seed = dataSeed
        s.batchSize = batch
        return s
    }

    /// The flags given, laid into `overrides`.
    func apply(to overrides: inout SamplerOverrides) {
        overrides.chains = chains
        overrides.draws = draws
        overrides.burnIn = burnIn
        overrides.thin = thin
        overrides.seed = seed
        overrides.batchSize = batch
    }
}
