/// The samplers by the names the CLI and the spec use.
public enum SamplerKind: String, Sendable, Codable, CaseIterable {
    case sgld, mala, sgnht, hmc

    /// Whether the sampler has a Metropolis–Hastings correction (MALA, HMC).
    public var isMetropolisAdjusted: Bool { self == .mala || self == .hmc }

    /// The acceptance rate step-size adaptation aims at (MALA 0.574, Roberts &
    /// Rosenthal 1998; HMC 0.8, Hoffman & Gelman 2014); nil without Metropolis.
    public var targetAcceptance: Double? {
        switch self {
        case .mala: return 0.574
        case .hmc: return 0.8
        case .sgld, .sgnht: return nil
        }
    }

    /// The acceptance `--step-size auto` adapts an LLC's MALA/HMC chains to:
    /// 0.8. The 0.574 optimum assumes a smooth product-form target; on
    /// singular posteriors (thin arms, quartic tails) adapted chains at 0.574
    /// under-sample the arms: (w1w2)² at n = 10⁴ gave λ̂ = 0.343 ± 0.007 with
    /// step sizes spread 7× across chains, at 0.8 0.378 ± 0.006 (exact
    /// finite-nβ value 0.388 without localization), and w⁴ 0.245 ± 0.004.
    public var robustTargetAcceptance: Double? { isMetropolisAdjusted ? 0.8 : nil }

    /// The default step size: ε = 1e-4 for the Langevin samplers (SGLD, MALA),
    /// h = 0.01 ≈ √ε for the Hamiltonian ones (SGNHT, HMC).
    public var defaultStepSize: Double {
        switch self {
        case .sgld, .mala: return 1e-4
        case .sgnht, .hmc: return 1e-2
        }
    }
}

/// A sampler choice with its tuning: what `--sampler` and the spec's
/// `sampler` section describe. `ChainRunner.run(posterior:sampler:…)` turns
/// it into the concrete kernel.
public struct SamplerConfiguration: Sendable, Codable, Equatable {
    public var kind: SamplerKind
    /// ε for SGLD and MALA (variance of the injected noise); the integration
    /// step h for SGNHT and HMC.
    public var stepSize: Double
    /// HMC: leapfrog steps per proposal.
    public var leapfrogSteps: Int
    /// SGNHT: the diffusion A.
    public var diffusion: Double

    public init(kind: SamplerKind, stepSize: Double, leapfrogSteps: Int = 10, diffusion: Double = 1) {
        self.kind = kind
        self.stepSize = stepSize
        self.leapfrogSteps = leapfrogSteps
        self.diffusion = diffusion
    }
}
