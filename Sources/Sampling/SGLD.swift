import Foundation
import GSL
import Models

/// Stochastic gradient Langevin dynamics (Welling & Teh 2011), in the form
/// devinterp uses: g = nβ ∇L_batch(w) + γ (w − w*) − ∇log φ(w), then
/// w ← w − (ε/2) g + √ε ξ, ξ ~ N(0, I), always taken (in one fused pass,
/// `PotentialEvaluator.langevinMove`; the same numbers as `Langevin.propose`).
/// Without a Metropolis correction the stationary law is biased by O(ε);
/// `ChainRunner` measures that with `LangevinProbe`.
public struct SGLD: Kernel {
    /// ε.
    public var stepSize: Double
    public var configuration: SamplerConfiguration { SamplerConfiguration(kind: .sgld, stepSize: stepSize) }

    public init(stepSize: Double) { self.stepSize = stepSize }

    /// SGLD's state: the position and the scratch for its stochastic gradient.
    public final class State: KernelState {
        public let position: UnsafeMutableBufferPointer<Double>
        public let gradient: UnsafeMutableBufferPointer<Double>
        init(_ initial: [Double]) {
            position = makeBuffer(initial.count)
            _ = position.initialize(from: initial)
            gradient = makeBuffer(initial.count)
        }
        deinit {
            position.deallocate()
            gradient.deallocate()
        }
    }

    public func initialize<M: Model>(at initial: [Double], potential: PotentialEvaluator<M>, rng: RandomStream) -> State {
        State(initial)
    }

    @inlinable
    public func step<M: Model>(_ state: State, potential: PotentialEvaluator<M>, stepSize eps: Double, rng: RandomStream) -> StepInfo {
        let w = state.position
        let batchLoss = potential.stochasticLossGradient(at: w, gradient: state.gradient)
        let (finitePotential, finiteGradient) = potential.langevinMove(w, lossGradient: state.gradient, loss: batchLoss,
                                                                       stepSize: eps, rng: rng)
        guard finitePotential else { return .diverged(.nonFiniteLoss, batchLoss: batchLoss) }
        guard finiteGradient else { return .diverged(.nonFiniteGradient, batchLoss: batchLoss) }
        guard potential.reflectIntoSupport(w, momentum: nil) else { return .diverged(.leftSupport, batchLoss: batchLoss) }
        return StepInfo(acceptanceProbability: 1, isAccepted: true, loss: nil, batchLoss: batchLoss)
    }
}
