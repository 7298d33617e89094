import Sampling

/// The local learning coefficient estimate with its uncertainty and the
/// diagnostics that say whether to trust it, summed up in its `verdict`.
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
    /// The MCSE target the verdict used (absolute; by default 2% of |λ̂|).
    public var targetMCSE: Double
    /// ok / check / unreliable with its reasons (`LocalLearningCoefficient.verdict(for:targetMCSE:)`).
    public var verdict: Verdict

    /// The verdict's reasons as text, one per reason.
    public var warnings: [String] { verdict.reasons.map(\.message) }

    /// JSON keys: the diagnostics follow ArviZ (`r_hat`, `ess_bulk`, `ess_tail`,
    /// `mcse_mean`, the MCSE of `llc_mean`); the estimate keeps devinterp's
    /// `llc_mean` and `llc_std`.
    enum CodingKeys: String, CodingKey {
        case llcMean = "llc_mean", llcStd = "llc_std", llcMCSE = "mcse_mean", chains, nbeta
        case sampleCount = "n", sampler, stepSize = "step_size", localization
        case lossAtCenter = "loss_at_center", rhat = "r_hat", essBulk = "ess_bulk", essTail = "ess_tail"
        case acceptance, diagnosticAcceptance = "sgld_mala_acceptance", divergences, draws
        case targetMCSE = "target_mcse", verdict
    }
}
