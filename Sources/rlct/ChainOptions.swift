import ArgumentParser
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
/// batch. `SamplerOptions` and `rlct calibrate` include them.
struct ChainOptions<Defaults: ChainDefaults>: ParsableArguments {
    @Option(help: "Number of chains (run in parallel; chain k uses stream k of the seed).")
    var chains: Int = 4

    @Option(help: "Draws kept per chain.")
    var draws: Int = 2000

    @Option(name: .customLong("burn-in"), help: "Steps discarded per chain before the first draw.")
    var burnIn: Int = Defaults.burnIn

    @Option(help: "Steps between kept draws (devinterp's num_steps_bw_draws). Steps are cheap here; draws evaluate the full-data loss.")
    var thin: Int = 10

    @Option(help: "Random seed (data and chains).")
    var seed: UInt64 = 1

    @Option(help: "Minibatch size for SGLD/SGNHT (default: full batch).")
    var batch: Int?

    func validate() throws {
        guard chains >= 1 else { throw ValidationError("--chains: expected at least 1, got \(chains)") }
        guard draws >= 1 else { throw ValidationError("--draws: expected at least 1, got \(draws)") }
        guard burnIn >= 0 else { throw ValidationError("--burn-in: expected at least 0, got \(burnIn)") }
        guard thin >= 1 else { throw ValidationError("--thin: expected at least 1, got \(thin)") }
        if let batch, batch < 1 { throw ValidationError("--batch: expected at least 1, got \(batch)") }
    }

    /// The settings these flags give (loss estimator and adaptation at their defaults).
    var settings: ChainSettings {
        var s = ChainSettings()
        s.chains = chains
        s.draws = draws
        s.burnIn = burnIn
        s.thin = thin
        s.seed = seed
        s.batchSize = batch
        return s
    }
}
