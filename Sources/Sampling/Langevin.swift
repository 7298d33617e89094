import Foundation
import GSL

/// The Langevin proposal and its Metropolis–Hastings log ratio, shared by
/// SGLD (the proposal, always taken), MALA (proposal and ratio) and the SGLD
/// acceptance probe (what MALA would say about an SGLD step).
public enum Langevin {
    /// w' = w − (ε/2) g + √ε ξ, ξ ~ N(0, I), written into `proposal` (which may
    /// be `w` itself). Returns |ξ|² (for the forward density) and whether every
    /// gᵢ was finite.
    @inlinable
    public static func propose(from w: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>,
                               into proposal: UnsafeMutableBufferPointer<Double>, stepSize eps: Double,
                               rng: RandomStream) -> (noiseSquared: Double, finiteGradient: Bool) {
        let noise = eps.squareRoot(), half = 0.5 * eps
        var squared = 0.0, finite = true
        // ξ in blocks from `RandomStream.gaussians` (the numbers of one
        // `gaussian()` per coordinate, in order, drawn faster), on the stack.
        let block = 128
        withUnsafeTemporaryAllocation(of: Double.self, capacity: block) { xi in
            var start = 0
            while start < w.count {
                let m = Swift.min(block, w.count - start)
                rng.gaussians(UnsafeMutableBufferPointer(rebasing: xi[0..<m]))
                for t in 0..<m {
                    let i = start + t, gi = g[i], x = xi[t]
                    finite = finite && gi.isFinite
                    proposal[i] = w[i] + (-half * gi + noise * x)
                    squared += x * x
                }
                start += m
            }
        }
        return (squared, finite)
    }

    /// log of U(w) − U(w') + log q(w | w') − log q(w' | w) for the Langevin
    /// proposal q(w' | w) = N(w − (ε/2)∇U(w), εI); `noiseSquared` is the |ξ|²
    /// that produced w' and `proposalGradient` is ∇U(w').
    @inlinable
    public static func logAcceptanceRatio(potential u: Double, proposalPotential up: Double,
                                          from w: UnsafeMutableBufferPointer<Double>, to wp: UnsafeMutableBufferPointer<Double>,
                                          proposalGradient gp: UnsafeMutableBufferPointer<Double>,
                                          noiseSquared: Double, stepSize eps: Double) -> Double {
        var backward = 0.0
        for i in 0..<w.count {
            let r = w[i] - wp[i] + 0.5 * eps * gp[i]
            backward += r * r
        }
        return u - up - backward / (2 * eps) + 0.5 * noiseSquared
    }
}

/// The Metropolis–Hastings accept/reject decision shared by MALA and HMC.
public enum Metropolis {
    /// Accepts with probability min(1, exp(logRatio)); a NaN ratio rejects.
    /// Draws one uniform unless logRatio ≥ 0.
    @inlinable
    public static func decide(logRatio: Double, rng: RandomStream) -> (probability: Double, accepted: Bool) {
        if logRatio >= 0 { return (1, true) }
        let accepted = log(rng.uniform()) < logRatio
        return (logRatio.isNaN ? 0 : exp(logRatio), accepted)
    }
}

/// The state of a Metropolis-adjusted kernel (MALA, HMC): the position with
/// its cached full-batch potential, gradient and loss, and a proposal with
/// its gradient.
public protocol MetropolisState: KernelState {
    var gradient: UnsafeMutableBufferPointer<Double> { get }
    var proposal: UnsafeMutableBufferPointer<Double> { get }
    var proposalGradient: UnsafeMutableBufferPointer<Double> { get }
    /// U at `position` (full batch).
    var potential: Double { get set }
    /// L_n at `position`.
    var loss: Double { get set }
}

extension MetropolisState {
    /// The one accept block of MALA and HMC: decides on the proposal (with
    /// potential `up` and loss `lossp`), moves to it when accepted, and
    /// reports the step.
    @inlinable
    public func acceptOrReject(logRatio: Double, proposalPotential up: Double, proposalLoss lossp: Double,
                               rng: RandomStream) -> StepInfo {
        let (probability, accepted) = Metropolis.decide(logRatio: logRatio, rng: rng)
        if accepted {
            position.copy(from: proposal)
            gradient.copy(from: proposalGradient)
            potential = up
            loss = lossp
        }
        return rejected(probability: probability, accepted: accepted)
    }

    /// A step that stays put (a proposal outside the support or non-finite).
    @inlinable
    public func rejected(probability: Double = 0, accepted: Bool = false) -> StepInfo {
        StepInfo(acceptanceProbability: probability, isAccepted: accepted, loss: loss, batchLoss: loss)
    }
}
