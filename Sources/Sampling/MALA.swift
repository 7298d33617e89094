import Foundation
import GSL
import Models

/// Metropolis-adjusted Langevin algorithm (Roberts & Tweedie 1996): the SGLD
/// proposal w' = w − (ε/2)∇U(w) + √ε ξ on the full-batch potential, accepted
/// with probability min(1, exp(U(w) − U(w') + log q(w|w') − log q(w'|w))).
/// Its stationary law is the posterior exactly; its acceptance rate is the
/// step-size diagnostic (optimal near 0.57, Roberts & Rosenthal 1998).
public struct MALA: Kernel {
    public var stepSize: Double
    public var name: String { "mala" }
    public var isMetropolisAdjusted: Bool { true }
    public var targetAcceptance: Double? { 0.574 }
    public var langevinStepSize: Double? { nil }
    public var acceptsMinibatches: Bool { false }

    public init(stepSize: Double) { self.stepSize = stepSize }

    public func prepare<M: Model>(_ chain: ChainState<M>) { chain.cacheFullPotential() }

    @inlinable
    public func step<M: Model>(_ chain: ChainState<M>) -> Divergence.Reason? {
        let w = chain.position, g = chain.gradient, wp = chain.proposal, gp = chain.proposalGradient
        guard chain.potential.isFinite else { return .nonFiniteLoss }
        let eps = chain.stepSize, noise = eps.squareRoot()
        let rng = chain.rng
        var forward = 0.0
        for i in 0..<chain.dimension {
            let xi = rng.gaussian()
            wp[i] = w[i] - 0.5 * eps * g[i] + noise * xi
            forward += xi * xi
        }
        chain.proposals += 1
        // Outside the prior's support the density is zero: reject.
        if let box = chain.posterior.support, !box.contains(UnsafeBufferPointer(wp)) { return nil }
        let (up, lossp) = chain.fullPotential(at: wp, gradient: gp)
        // A non-finite proposal is rejected; the chain itself stays finite.
        guard up.isFinite else { return nil }
        var backward = 0.0
        for i in 0..<chain.dimension {
            let r = w[i] - wp[i] + 0.5 * eps * gp[i]
            backward += r * r
        }
        let logRatio = chain.potential - up - backward / (2 * eps) + 0.5 * forward
        if logRatio >= 0 || log(rng.uniform()) < logRatio {
            _ = w.update(from: wp)
            _ = g.update(from: gp)
            chain.potential = up
            chain.loss = lossp
            chain.accepted += 1
        }
        return nil
    }
}

extension UnsafeMutableBufferPointer where Element == Double {
    /// Copies `source` into self (same count); returns self for chaining.
    @inlinable @discardableResult
    func update(from source: UnsafeMutableBufferPointer<Double>) -> Self {
        for i in 0..<count { self[i] = source[i] }
        return self
    }
}
