import Sampling

/// The local learning coefficient estimate with its uncertainty and the
/// diagnostics that say whether to trust it.
///
///     λ̂(w*) = nβ (E^β_loc[L_n(w)] − L_n(w*))      (Lau et al. 2023)
///
/// per chain from its draws; `llcMean` averages the chains that did not
/// diverge, `llcStd` is their spread, and `llcMCSE` = nβ·sd(L)/√ESS is the
/// Monte Carlo standard error of the pooled mean.
public struct LLCEstimate: Sendable, Codable {
    public var llcMean: Double
    public var llcStd: Double
    public var llcMCSE: Double
    /// λ̂ of each chain, in chain order (NaN for a chain that diverged before any draw).
    public var chains: [Double]
    public var nbeta: Double
    public var sampleCount: Int
    public var sampler: String
    public var stepSize: Double
    public var localization: Double
    /// L_n(w*), the loss at the point the posterior is localised at.
    public var lossAtCenter: Double
    public var rhat: Double
    public var essBulk: Double
    public var essTail: Double
    /// Metropolis acceptance rate (MALA, HMC), mean over chains.
    public var acceptance: Double?
    /// Mean MALA acceptance probability of SGLD/SGNHT steps (a diagnostic).
    public var diagnosticAcceptance: Double?
    public var divergences: [Divergence]
    public var draws: Int
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case llcMean = "llc_mean", llcStd = "llc_std", llcMCSE = "llc_mcse", chains, nbeta
        case sampleCount = "n", sampler, stepSize = "step_size", localization
        case lossAtCenter = "loss_at_center", rhat, essBulk = "ess", essTail = "ess_tail"
        case acceptance, diagnosticAcceptance = "sgld_mala_acceptance", divergences, draws, warnings
    }
}

/// Thresholds for the warnings an `LLCEstimate` carries (documented in docs/estimators.md).
public enum LLCWarningThresholds {
    /// Vehtari et al. (2021) recommend R̂ < 1.01.
    public static let rhat = 1.01
    /// Bulk ESS per chain below this makes R̂ and the MCSE unreliable (Vehtari et al. 2021).
    public static let essPerChain = 100.0
    /// MALA is efficient near 0.574 (Roberts & Rosenthal 1998); far outside this band it wastes work or is stuck.
    public static let malaAcceptance = 0.4...0.9
    /// HMC's usable band around its 0.65–0.8 optimum.
    public static let hmcAcceptance = 0.5...0.95
    /// The usable acceptance band of a Metropolis-adjusted kernel (by its target).
    public static func acceptanceBand(for sampler: SamplerKind) -> ClosedRange<Double> {
        (sampler.targetAcceptance ?? 0.574) >= 0.7 ? hmcAcceptance : malaAcceptance
    }
    /// An SGLD step whose MALA acceptance probability is below this carries a visible O(ε) bias
    /// (measured on a 2-D Gaussian: acceptance 0.98 ↔ +8% in λ̂, 0.62 ↔ ×5.5).
    public static let sgldAcceptance = 0.9
}
