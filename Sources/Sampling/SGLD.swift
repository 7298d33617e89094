import Foundation
import GSL
import Models

/// Stochastic gradient Langevin dynamics (Welling & Teh 2011), in the form
/// devinterp uses: g = nβ ∇L_batch(w) + γ (w − w*) + δ w, then
/// w ← w − (ε/2) g + √ε ξ, ξ ~ N(0, I). Without a Metropolis correction the
/// stationary law is biased by O(ε); `ChainRunner` measures that with the
/// MALA acceptance probability of the step (an SGLD diagnostic).
public struct SGLD: Kernel {
    /// ε.
    public var stepSize: Double
    public var name: String { "sgld" }
    public var isMetropolisAdjusted: Bool { false }
    public var acceptsMinibatches: Bool { true }
    public var targetAcceptance: Double? { nil }
    public var langevinStepSize: Double? { stepSize }

    public init(stepSize: Double) { self.stepSize = stepSize }

    public func prepare<M: Model>(_ chain: ChainState<M>) {}

    @inlinable
    public func step<M: Model>(_ chain: ChainState<M>) -> Divergence.Reason? {
        let w = chain.position, g = chain.gradient
        let (u, _) = chain.stochasticPotential(at: w, gradient: g)
        guard u.isFinite else { return .nonFiniteLoss }
        let eps = chain.stepSize, noise = eps.squareRoot(), half = 0.5 * eps
        let rng = chain.rng
        var finite = true
        for i in 0..<chain.dimension {
            let gi = g[i]
            finite = finite && gi.isFinite
            w[i] += -half * gi + noise * rng.gaussian()
        }
        guard finite else { return .nonFiniteGradient }
        chain.potentialIsFullBatch = false
        guard chain.reflectIntoSupport(w, momentum: nil) else { return .leftSupport }
        return nil
    }
}

extension ChainState {
    /// The Metropolis–Hastings acceptance probability the step w → w − (ε/2)∇U(w) + √ε ξ
    /// would have under MALA on the full-batch potential: a measure of how far
    /// the SGLD discretisation is from its target (1 = exact). Uses fresh noise,
    /// leaves the chain where it is, and costs two full-data gradients.
    public func malaAcceptanceProbability() -> Double {
        let w = position, gw = probeGradient, wp = proposal, gp = proposalGradient
        let (u, _) = fullPotential(at: w, gradient: gw)
        let eps = stepSize, noise = eps.squareRoot()
        var forward = 0.0
        for i in 0..<dimension {
            let xi = rng.gaussian()
            wp[i] = w[i] - 0.5 * eps * gw[i] + noise * xi
            forward += xi * xi
        }
        if let box = posterior.support, !box.contains(UnsafeBufferPointer(wp)) { return 0 }
        let (up, _) = fullPotential(at: wp, gradient: gp)
        guard up.isFinite, u.isFinite else { return 0 }
        var backward = 0.0
        for i in 0..<dimension {
            let r = w[i] - wp[i] + 0.5 * eps * gp[i]
            backward += r * r
        }
        let logRatio = u - up - backward / (2 * eps) + 0.5 * forward
        return logRatio >= 0 ? 1 : exp(logRatio)
    }
}
