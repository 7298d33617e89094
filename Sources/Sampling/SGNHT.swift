import Foundation
import GSL
import Models

/// Stochastic gradient Nosé–Hoover thermostat (Ding et al. 2014, Algorithm 1):
///
///     p ← p − ξ p h − ∇Ũ(w) h + √(2A h) η,   w ← w + p h,   ξ ← ξ + (|p|²/d − 1) h
///
/// with unit mass, η ~ N(0, I), diffusion A (`diffusion`) and the thermostat ξ
/// starting at A. The thermostat absorbs the unknown minibatch-gradient noise
/// by holding the kinetic temperature |p|²/d at 1. (devinterp's variant is
/// known to drop the thermostat's feedback on p; this follows the paper.)
/// As for HMC, h moves about h per step.
public struct SGNHT: Kernel {
    public var stepSize: Double
    /// A, the injected diffusion.
    public var diffusion: Double
    public var name: String { "sgnht" }
    public var isMetropolisAdjusted: Bool { false }
    public var targetAcceptance: Double? { nil }
    public var langevinStepSize: Double? { nil }
    public var acceptsMinibatches: Bool { true }

    public init(stepSize: Double, diffusion: Double = 1) {
        self.stepSize = stepSize
        self.diffusion = diffusion
    }

    public func prepare<M: Model>(_ chain: ChainState<M>) {
        for i in 0..<chain.dimension { chain.momentum[i] = chain.rng.gaussian() }
        chain.thermostat = diffusion
    }

    @inlinable
    public func step<M: Model>(_ chain: ChainState<M>) -> Divergence.Reason? {
        let w = chain.position, g = chain.gradient, p = chain.momentum
        let (u, _) = chain.stochasticPotential(at: w, gradient: g)
        guard u.isFinite else { return .nonFiniteLoss }
        let h = chain.stepSize, noise = (2 * diffusion * h).squareRoot(), xi = chain.thermostat
        let rng = chain.rng
        var kinetic = 0.0, finite = true
        for i in 0..<chain.dimension {
            finite = finite && g[i].isFinite
            p[i] += -xi * p[i] * h - g[i] * h + noise * rng.gaussian()
            w[i] += p[i] * h
            kinetic += p[i] * p[i]
        }
        guard finite else { return .nonFiniteGradient }
        chain.thermostat = xi + (kinetic / Double(chain.dimension) - 1) * h
        chain.potentialIsFullBatch = false
        guard chain.reflectIntoSupport(w, momentum: p) else { return .leftSupport }
        return nil
    }
}
