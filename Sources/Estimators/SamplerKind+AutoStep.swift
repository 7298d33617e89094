import Sampling

extension SamplerKind {
    /// Where `--step-size auto` starts a Metropolis-adjusted sampler's
    /// adaptation, and the scale of the SGLD pilot's ladder: ε₀ = 1/nβ for
    /// the Langevin samplers (the posterior's variance in a regular direction
    /// of unit curvature), h₀ = 1/√nβ for the Hamiltonian ones.
    public func initialStepSize(nbeta: Double) -> Double {
        switch self {
        case .sgld, .mala: return 1 / max(nbeta, 1)
        case .sgnht, .hmc: return 1 / max(nbeta, 1).squareRoot()
        }
    }
}
