import Models
import Sampling

/// Where a resolved setting came from: the estimator's default, the spec's
/// `sampler`/`llc` section, a command-line flag, or chosen automatically
/// (the step size of `--step-size auto`).
public enum SettingSource: String, Sendable, Codable, Hashable {
    case `default`, spec, flag, auto
}

/// One setting as the run used it, with its source (printed and in JSON).
public struct ResolvedSetting: Sendable, Codable, Hashable {
    public var name: String
    public var value: String
    public var source: SettingSource
    /// Why the default is what it is, or how the value was chosen.
    public var note: String?

    public init(name: String, value: String, source: SettingSource, note: String? = nil) {
        self.name = name
        self.value = value
        self.source = source
        self.note = note
    }
}

/// The step size: a number, or `auto` (a pilot picks the largest step on
/// the λ̂ plateau for SGLD/SGNHT; MALA/HMC adapt to their target acceptance
/// during burn-in).
public enum StepSizeChoice: Sendable, Hashable {
    case auto
    case fixed(Double)
}

/// The estimators whose settings `RunConfiguration` resolves; each has its
/// own defaults and its own set of spec fields it can use.
public enum EstimatorKind: String, Sendable, Hashable {
    /// λ̂ at w* (`rlct llc`).
    case llc
    /// The step-size × localization grid (`rlct calibrate`).
    case calibrate
    /// WBIC at β = 1/log n (whole posterior).
    case wbic
    /// WAIC and the singular fluctuation at β (whole posterior).
    case waic
    /// λ̂ from E^β[nL_n] at several temperatures (whole posterior).
    case temperature
    /// Thermodynamic integration of F_n over a β ladder (whole posterior).
    case thermodynamicIntegration = "ti"

    /// Whether the estimator samples the whole tempered posterior (no
    /// localization, its own temperatures); MALA is its default sampler.
    public var samplesWholePosterior: Bool {
        switch self {
        case .llc, .calibrate: return false
        case .wbic, .waic, .temperature, .thermodynamicIntegration: return true
        }
    }

    /// The command's name, for messages.
    public var command: String {
        switch self {
        case .thermodynamicIntegration: return "free-energy --method ti"
        default: return rawValue
        }
    }
}

/// The settings a user gave as flags (nil: not given). `RunConfiguration`
/// lays them over the spec's sections and the estimator's defaults.
public struct SamplerOverrides: Sendable, Hashable {
    public var sampler: SamplerKind?
    public var stepSize: StepSizeChoice?
    public var localization: Double?
    public var nbeta: Double?
    public var chains: Int?
    public var draws: Int?
    public var burnIn: Int?
    public var thin: Int?
    public var seed: UInt64?
    public var batchSize: Int?
    public var lossEstimator: ChainSettings.LossEstimator?
    /// The evaluation subset of the draws' loss (0: all n; `ChainSettings.evaluationSubset`).
    public var evaluationSubset: Int?
    public var adaptStepSize: Bool?
    public var leapfrogSteps: Int?
    public var diffusion: Double?
    /// The MCSE to reach, relative to |λ̂| (`--target-mcse`).
    public var targetMCSE: Double?
    /// The draws per chain the precision target may extend the chains to.
    public var maxDraws: Int?
    /// Cross-check an SGLD/SGNHT LLC against full-batch MALA (`LLCCrossCheck`).
    public var crossCheck: Bool?

    public init() {}
}

/// The sampler, chain and temperature settings of one estimator run, each
/// with where it came from: flags override the spec's `sampler` and `llc`
/// sections, which override the estimator's defaults.
///
/// Defaults (docs/estimators.md): MALA, which is exact, for potentials,
/// full-batch data and every whole-posterior estimator; SGLD where the data
/// are minibatched. The step size is `auto`. A spec field the estimator
/// cannot use is an error, never ignored.
public struct RunConfiguration: Sendable {
    public var sampler: SamplerConfiguration
    /// `auto` or the fixed step (then equal to `sampler.stepSize`).
    public var stepSize: StepSizeChoice
    public var settings: ChainSettings
    /// nβ; nil: n / log n from the data size (LLC), or the estimator's own temperatures.
    public var nbeta: Double?
    /// γ (LLC and calibration only).
    public var localization: Double
    /// w* from the spec's `llc.at` (nil: the flag's point or the truth).
    public var at: [Double]?
    /// The MCSE to reach, relative to |λ̂| (nil: no extension).
    public var targetMCSE: Double?
    /// Draws per chain the chains may be extended to for `targetMCSE`.
    public var maxDraws: Int
    /// Whether an SGLD/SGNHT LLC is cross-checked (`LLCCrossCheck`).
    public var crossCheck = false
    /// Every setting as used, in a fixed order.
    public var provenance: [ResolvedSetting]

    /// The default relative MCSE target of `llc`: 2% of |λ̂|.
    public static let defaultTargetMCSE = 0.02
    /// The default draw budget per chain for the precision target: 4× the draws.
    public static let defaultMaxDrawsFactor = 4
    /// n above which data count as large: networks are minibatched by
    /// default and minibatched chains get the diagnostics budget. At
    /// n = 2000 a full-data gradient costs 20 steps on batches of 100.
    public static let largeDataThreshold = 2000
    /// n·d above which a network's data count as large whatever n: one
    /// full-data gradient then costs over 5·10⁵ multiply-adds per layer
    /// product, and the default full-batch run (4 × 20,500 MALA steps) would
    /// take minutes (the 353-parameter MLP at n = 2000: over 150 CPU seconds).
    public static let largeGradientCost = 500_000

    /// Whether a network's data count as large (`largeDataThreshold`,
    /// `largeGradientCost`): minibatched by default, with the diagnostics budget.
    public static func isLargeNetworkData(n: Int, dimension: Int) -> Bool {
        n > largeDataThreshold || n.multipliedReportingOverflow(by: dimension).partialValue > largeGradientCost
            || n.multipliedReportingOverflow(by: dimension).overflow
    }

    /// How `isLargeNetworkData` reads, for notes and help.
    public static var largeNetworkDataRule: String { "n > \(largeDataThreshold) or n·d > 500,000" }
    /// The default minibatch of a network on large data (devinterp's default batch).
    public static let defaultNetworkBatch = 100
    /// The default evaluation subset S of the draws' loss on large data
    /// (docs/estimators.md: its cost is S forward passes per draw against
    /// thin·B forward and backward passes of the steps).
    public static let defaultEvaluationSubset = 500
    /// The share of a minibatched chain's step cost the SGLD acceptance
    /// probes may take on large data (each probe: two full-data gradients).
    public static let probeBudget = 0.05
    /// The fewest probes per chain the budget leaves.
    public static let minimumProbes = 5
}
