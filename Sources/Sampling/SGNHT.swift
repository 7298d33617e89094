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
    public var configuration: SamplerConfiguration {
        SamplerConfiguration(kind: .sgnht, stepSize: stepSize, diffusion: diffusion)
    }

    public init(stepSize: Double, diffusion: Double = 1) {
        self.stepSize = stepSize
        self.diffusion = diffusion
    }

    /// SGNHT's state: position, momentum p, thermostat ξ, and gradient scratch.
    public final class State: KernelState {
        public let position, gradient, momentum: UnsafeMutableBufferPointer<Double>
        /// ξ.
        public var thermostat: Double
        init(_ initial: [Double], thermostat: Double) {
            position = makeBuffer(initial.count)
            _ = position.initialize(from: initial)
            gradient = makeBuffer(initial.count)
            momentum = makeBuffer(initial.count)
            self.thermostat = thermostat
        }
        deinit {
            position.deallocate()
            gradient.deallocate()
            momentum.deallocate()
        }
    }

    /// p ~ N(0, I), ξ = A.
    public func initialize<M: Model>(at initial: [Double], potential: PotentialEvaluator<M>, rng: RandomStream) -> State {
        let state = State(initial, thermostat: diffusion)
        for i in 0..<initial.count { state.momentum[i] = rng.gaussian() }
        return state
    }

    @inlinable
    public func step<M: Model>(_ state: State, potential: PotentialEvaluator<M>, stepSize h: Double, rng: RandomStream) -> StepInfo {
        let w = state.position, g = state.gradient, p = state.momentum
        let (u, batchLoss) = potential.stochasticPotential(at: w, gradient: g)
        guard u.isFinite else { return .diverged(.nonFiniteLoss, batchLoss: batchLoss) }
        let noise = (2 * diffusion * h).squareRoot(), xi = state.thermostat
        let d = potential.dimension
        var kinetic = 0.0, finite = true
        // The noise in blocks from `RandomStream.gaussians` (the numbers of one gaussian() per coordinate, in order).
        let block = 128
        withUnsafeTemporaryAllocation(of: Double.self, capacity: block) { z in
            var start = 0
            while start < d {
                let m = Swift.min(block, d - start)
                rng.gaussians(UnsafeMutableBufferPointer(rebasing: z[0..<m]))
                for t in 0..<m {
                    let i = start + t
                    finite = finite && g[i].isFinite
                    p[i] += -xi * p[i] * h - g[i] * h + noise * z[t]
                    w[i] += p[i] * h
                    kinetic += p[i] * p[i]
                }
                start += m
            }
        }
        guard finite else { return .diverged(.nonFiniteGradient, batchLoss: batchLoss) }
        state.thermostat = xi + (kinetic / Double(d) - 1) * h
        guard potential.reflectIntoSupport(w, momentum: p) else { return .diverged(.leftSupport, batchLoss: batchLoss) }
        return StepInfo(acceptanceProbability: 1, isAccepted: true, loss: nil, batchLoss: batchLoss)
    }
}
