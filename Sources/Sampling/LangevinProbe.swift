import Foundation
import GSL
import Models

/// The SGLD diagnostic: the Metropolis–Hastings acceptance probability the
/// step w → w − (ε/2)∇U(w) + √ε ξ would have under MALA on the full-batch
/// potential, a measure of how far the SGLD discretisation is from its
/// target (1 = exact). Uses fresh noise, leaves the chain where it is, and
/// costs two full-data gradients. Owns its scratch buffers.
public final class LangevinProbe {
    @usableFromInline let gradient: UnsafeMutableBufferPointer<Double>
    @usableFromInline let proposal: UnsafeMutableBufferPointer<Double>
    @usableFromInline let proposalGradient: UnsafeMutableBufferPointer<Double>

    public init(dimension: Int) {
        gradient = makeBuffer(dimension)
        proposal = makeBuffer(dimension)
        proposalGradient = makeBuffer(dimension)
    }

    deinit {
        gradient.deallocate()
        proposal.deallocate()
        proposalGradient.deallocate()
    }

    /// MALA's acceptance probability of a Langevin step of size ε from `w`.
    @inlinable
    public func acceptanceProbability<M: Model>(at w: UnsafeMutableBufferPointer<Double>, stepSize eps: Double,
                                                potential: PotentialEvaluator<M>, rng: RandomStream) -> Double {
        let (u, _) = potential.fullPotential(at: w, gradient: gradient)
        let (noiseSquared, _) = Langevin.propose(from: w, gradient: gradient, into: proposal, stepSize: eps, rng: rng)
        guard potential.isInSupport(proposal) else { return 0 }
        let (up, _) = potential.fullPotential(at: proposal, gradient: proposalGradient)
        guard up.isFinite, u.isFinite else { return 0 }
        let logRatio = Langevin.logAcceptanceRatio(potential: u, proposalPotential: up, from: w, to: proposal,
                                                   proposalGradient: proposalGradient, noiseSquared: noiseSquared, stepSize: eps)
        return logRatio >= 0 ? 1 : exp(logRatio)
    }
}
