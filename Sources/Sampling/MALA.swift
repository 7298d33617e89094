import Foundation
import GSL
import Models

/// Metropolis-adjusted Langevin algorithm (Roberts & Tweedie 1996): the
/// Langevin proposal w' = w − (ε/2)∇U(w) + √ε ξ on the full-batch potential,
/// accepted with probability min(1, exp(U(w) − U(w') + log q(w|w') − log q(w'|w))).
/// Its stationary law is the posterior exactly; its acceptance rate is the
/// step-size diagnostic (optimal near 0.57, Roberts & Rosenthal 1998).
public struct MALA: Kernel {
    public var stepSize: Double
    public var configuration: SamplerConfiguration { SamplerConfiguration(kind: .mala, stepSize: stepSize) }

    public init(stepSize: Double) { self.stepSize = stepSize }

    /// MALA's state: position, cached full-batch U, ∇U and L_n, and a proposal
    /// (HMC's state adds a momentum to it).
    public class State: MetropolisState {
        public let position, gradient, proposal, proposalGradient: UnsafeMutableBufferPointer<Double>
        public var potential = Double.nan
        public var loss = Double.nan
        init(_ initial: [Double]) {
            position = makeBuffer(initial.count)
            _ = position.initialize(from: initial)
            gradient = makeBuffer(initial.count)
            proposal = makeBuffer(initial.count)
            proposalGradient = makeBuffer(initial.count)
        }
        deinit {
            position.deallocate()
            gradient.deallocate()
            proposal.deallocate()
            proposalGradient.deallocate()
        }
    }

    public func initialize<M: Model>(at initial: [Double], potential: PotentialEvaluator<M>, rng: RandomStream) -> State {
        let state = State(initial)
        (state.potential, state.loss) = potential.fullPotential(at: state.position, gradient: state.gradient)
        return state
    }

    @inlinable
    public func step<M: Model>(_ state: State, potential: PotentialEvaluator<M>, stepSize eps: Double, rng: RandomStream) -> StepInfo {
        guard state.potential.isFinite else { return .diverged(.nonFiniteLoss) }
        let w = state.position, wp = state.proposal, gp = state.proposalGradient
        let (noiseSquared, _) = Langevin.propose(from: w, gradient: state.gradient, into: wp, stepSize: eps, rng: rng)
        // Outside the prior's support the density is zero: reject.
        guard potential.isInSupport(wp) else { return state.rejected() }
        let (up, lossp) = potential.fullPotential(at: wp, gradient: gp)
        // A non-finite proposal is rejected; the chain itself stays finite.
        guard up.isFinite else { return state.rejected() }
        let logRatio = Langevin.logAcceptanceRatio(potential: state.potential, proposalPotential: up, from: w, to: wp,
                                                   proposalGradient: gp, noiseSquared: noiseSquared, stepSize: eps)
        return state.acceptOrReject(logRatio: logRatio, proposalPotential: up, proposalLoss: lossp, rng: rng)
    }
}
