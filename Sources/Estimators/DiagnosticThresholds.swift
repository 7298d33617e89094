import Sampling

/// The one threshold set behind every `Verdict` (`rlct llc`, `calibrate`,
/// `regress`, WBIC, TI, WAIC, temperatures), after the Stan/ArviZ conventions
/// of Vehtari, Gelman, Simpson, Carpenter & Bürkner (2021), "Rank-normalization,
/// folding, and localization: an improved R̂": R̂ ≤ 1.01 and bulk and tail
/// ESS ≥ 100 per chain. Documented in docs/estimators.md ("Verdict").
public enum DiagnosticThresholds {
    /// R̂ above this: `check` (Vehtari et al. 2021 recommend R̂ < 1.01).
    public static let rHat = 1.01
    /// R̂ above this: `unreliable` (the older Gelman–Rubin 1.05 rule; the chains clearly disagree).
    public static let rHatUnreliable = 1.05
    /// Bulk or tail ESS per chain below this: `check` (below it R̂ and the MCSE are themselves noisy).
    public static let essPerChain = 100.0
    /// Bulk or tail ESS per chain below this: `unreliable`.
    public static let essPerChainUnreliable = 50.0
    /// The default MCSE target as a fraction of |estimate| (2%): a larger MCSE is `check`.
    public static let relativeMCSE = 0.02
    /// MALA is efficient near 0.574 (Roberts & Rosenthal 1998); outside this band it is
    /// stuck (below: reduce the step size) or slow (above: increase the step size).
    public static let malaAcceptance = 0.4...0.9
    /// HMC's band around its 0.65–0.8 optimum (Hoffman & Gelman 2014).
    public static let hmcAcceptance = 0.5...0.95
    /// An SGLD/SGNHT step whose MALA acceptance probability is below this carries a visible O(ε)
    /// bias (measured on a 2-D Gaussian: acceptance 0.98 ↔ +8% in λ̂, 0.62 ↔ ×5.5).
    public static let sgldAcceptance = 0.9

    /// The acceptance band of a Metropolis-adjusted kernel (by its target acceptance).
    public static func acceptanceBand(for sampler: SamplerKind) -> ClosedRange<Double> {
        (sampler.targetAcceptance ?? 0.574) >= 0.7 ? hmcAcceptance : malaAcceptance
    }

    /// The default MCSE target of an estimate: `relativeMCSE` · |estimate|.
    public static func targetMCSE(for estimate: Double) -> Double {
        relativeMCSE * abs(estimate)
    }
}

/// The former name of `DiagnosticThresholds`.
@available(*, deprecated, renamed: "DiagnosticThresholds")
public typealias LLCWarningThresholds = DiagnosticThresholds
