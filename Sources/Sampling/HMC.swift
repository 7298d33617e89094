import Foundation
import GSL
import Models

/// Hamiltonian Monte Carlo (Duane et al. 1987; Neal 2011) on the full-batch
/// potential: momentum p ~ N(0, I), `leapfrogSteps` leapfrog steps of size h
/// (`stepSize`), accepted with probability min(1, exp(H(w, p) − H(w', p'))),
/// H = U + |p|²/2. A uniform prior's box is handled by reflecting the position
/// and negating the momentum component, which keeps the map reversible and
/// volume-preserving. Note h is a leapfrog step: one step moves about h, where
/// SGLD's ε moves about √ε.
public struct HMC: Kernel {
    public var stepSize: Double
    public var leapfrogSteps: Int
    public var name: String { "hmc" }
    public var isMetropolisAdjusted: Bool { true }
    public var targetAcceptance: Double? { 0.8 }
    public var langevinStepSize: Double? { nil }
    public var acceptsMinibatches: Bool { false }

    public init(stepSize: Double, leapfrogSteps: Int = 10) {
        self.stepSize = stepSize
        self.leapfrogSteps = max(1, leapfrogSteps)
    }

    public func prepare<M: Model>(_ chain: ChainState<M>) { chain.cacheFullPotential() }

    @inlinable
    public func step<M: Model>(_ chain: ChainState<M>) -> Divergence.Reason? {
        let d = chain.dimension
        let w = chain.position, g = chain.gradient, q = chain.proposal, gq = chain.proposalGradient, p = chain.momentum
        guard chain.potential.isFinite else { return .nonFiniteLoss }
        let h = chain.stepSize, rng = chain.rng
        var kinetic0 = 0.0
        for i in 0..<d {
            p[i] = rng.gaussian()
            kinetic0 += p[i] * p[i]
            q[i] = w[i]
            gq[i] = g[i]
        }
        chain.proposals += 1
        var u = chain.potential, loss = chain.loss
        for i in 0..<d { p[i] -= 0.5 * h * gq[i] }
        for l in 0..<leapfrogSteps {
            for i in 0..<d { q[i] += h * p[i] }
            guard chain.reflectIntoSupport(q, momentum: p) else { return nil }
            (u, loss) = chain.fullPotential(at: q, gradient: gq)
            guard u.isFinite else { return nil }  // reject a trajectory that blew up
            let scale = l == leapfrogSteps - 1 ? 0.5 * h : h
            for i in 0..<d { p[i] -= scale * gq[i] }
        }
        var kinetic1 = 0.0
        for i in 0..<d { kinetic1 += p[i] * p[i] }
        let logRatio = (chain.potential + 0.5 * kinetic0) - (u + 0.5 * kinetic1)
        if logRatio >= 0 || log(rng.uniform()) < logRatio {
            _ = w.update(from: q)
            _ = g.update(from: gq)
            chain.potential = u
            chain.loss = loss
            chain.accepted += 1
        }
        return nil
    }
}
