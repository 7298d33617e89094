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
    public var configuration: SamplerConfiguration {
        SamplerConfiguration(kind: .hmc, stepSize: stepSize, leapfrogSteps: leapfrogSteps)
    }

    public init(stepSize: Double, leapfrogSteps: Int = 10) {
        self.stepSize = stepSize
        self.leapfrogSteps = max(1, leapfrogSteps)
    }

    /// HMC's state: MALA's (position with cached U, ∇U, L_n, and a proposal) plus the momentum.
    public final class State: MALA.State {
        public let momentum: UnsafeMutableBufferPointer<Double>
        override init(_ initial: [Double]) {
            momentum = makeBuffer(initial.count)
            super.init(initial)
        }
        deinit { momentum.deallocate() }
    }

    public func initialize<M: Model>(at initial: [Double], potential: PotentialEvaluator<M>, rng: RandomStream) -> State {
        let state = State(initial)
        (state.potential, state.loss) = potential.fullPotential(at: state.position, gradient: state.gradient)
        return state
    }

    @inlinable
    public func step<M: Model>(_ state: State, potential: PotentialEvaluator<M>, stepSize h: Double, rng: RandomStream) -> StepInfo {
        guard state.potential.isFinite else { return .diverged(.nonFiniteLoss) }
        let d = potential.dimension
        let w = state.position, g = state.gradient, q = state.proposal, gq = state.proposalGradient, p = state.momentum
        var kinetic0 = 0.0
        rng.gaussians(UnsafeMutableBufferPointer(rebasing: p[0..<d]))  // p ~ N(0, I), as d calls of gaussian()
        for i in 0..<d {
            kinetic0 += p[i] * p[i]
            q[i] = w[i]
            gq[i] = g[i]
        }
        var u = state.potential, loss = state.loss
        for i in 0..<d { p[i] -= 0.5 * h * gq[i] }
        for l in 0..<leapfrogSteps {
            for i in 0..<d { q[i] += h * p[i] }
            guard potential.reflectIntoSupport(q, momentum: p) else { return state.rejected() }
            (u, loss) = potential.fullPotential(at: q, gradient: gq)
            guard u.isFinite else { return state.rejected() }  // reject a trajectory that blew up
            let scale = l == leapfrogSteps - 1 ? 0.5 * h : h
            for i in 0..<d { p[i] -= scale * gq[i] }
        }
        var kinetic1 = 0.0
        for i in 0..<d { kinetic1 += p[i] * p[i] }
        let logRatio = (state.potential + 0.5 * kinetic0) - (u + 0.5 * kinetic1)
        return state.acceptOrReject(logRatio: logRatio, proposalPotential: u, proposalLoss: loss, rng: rng)
    }
}
