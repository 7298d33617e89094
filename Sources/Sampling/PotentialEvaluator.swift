import Foundation
import GSL
import Models

/// Evaluates the posterior's potential U and its gradient for one chain:
///
///     U(w) = nβ·L(w) + (γ/2)|w − w*|² − log φ(w),
///     ∇U(w) = nβ·∇L(w) + γ(w − w*) − ∇log φ(w),
///
/// on the full data or on the next minibatch of its `MinibatchSchedule`. It
/// owns the model's workspace and copies the model, the posterior's scalars,
/// w* and the prior into its own storage, so a chain's hot loop touches no
/// storage shared with other chains (shared arrays would bounce their
/// reference counts between cores). Buffers are allocated once; evaluating
/// allocates nothing. One chain, one thread: not shared.
public final class PotentialEvaluator<M: Model> {
    public let dimension: Int
    @usableFromInline let model: M
    @usableFromInline let nbeta: Double
    @usableFromInline let localization: Double
    @usableFromInline let center: UnsafeMutableBufferPointer<Double>
    /// φ, the prior.
    public let prior: Prior
    /// The prior reduced to what a step needs, with a uniform box's bounds in
    /// this chain's own storage (matching `prior` on every step would copy,
    /// and retain, arrays shared with the other chains).
    @usableFromInline let priorTerms: PriorTerms
    /// A uniform prior's bounds (empty buffers for the other priors).
    @usableFromInline let lower, upper: UnsafeMutableBufferPointer<Double>

    /// What −log φ adds to U and ∇U, with its constants computed once.
    @usableFromInline enum PriorTerms {
        case flat
        /// −log φ = Σ log(upper − lower) inside the box, +∞ outside; ∇ = 0.
        case uniform(logVolume: Double)
        /// −log φ = |w|²/(2σ²) + (d/2) log(2πσ²); −∇log φ = w/σ².
        case normal(sigma: Double, precision: Double, logNormaliser: Double)
    }
    @usableFromInline var workspace: M.Workspace
    /// The minibatch schedule, or nil for full-batch gradients.
    @usableFromInline let schedule: MinibatchSchedule?
    @usableFromInline let rng: RandomStream

    /// An evaluator for `posterior`; `batchSize` below the data size makes
    /// `stochasticPotential` use minibatches drawn from `rng`;
    /// `evaluationBatch` sizes the workspace for `loss(at:on:)` on that many samples.
    public init(posterior: Posterior<M>, batchSize: Int?, rng: RandomStream, evaluationBatch: Int? = nil) {
        model = posterior.model
        dimension = posterior.dimension
        nbeta = posterior.nbeta
        localization = posterior.localization
        prior = posterior.prior
        switch posterior.prior {
        case .flat:
            priorTerms = .flat
            (lower, upper) = (.init(start: nil, count: 0), .init(start: nil, count: 0))
        case let .normal(sigma):
            priorTerms = .normal(sigma: sigma, precision: 1 / (sigma * sigma),
                                 logNormaliser: Double(posterior.dimension) / 2 * Foundation.log(2 * Double.pi * sigma * sigma))
            (lower, upper) = (.init(start: nil, count: 0), .init(start: nil, count: 0))
        case let .uniform(lo, hi):
            // Summed in coordinate order, as Prior.logDensity does.
            var logVolume = 0.0
            for i in lo.indices { logVolume += Foundation.log(hi[i] - lo[i]) }
            priorTerms = .uniform(logVolume: logVolume)
            (lower, upper) = (makeBuffer(lo.count), makeBuffer(hi.count))
            _ = lower.initialize(from: lo)
            _ = upper.initialize(from: hi)
        }
        center = makeBuffer(dimension)
        _ = center.initialize(from: posterior.center)
        let n = model.sampleCount
        let b = max(min(batchSize ?? n, n), 1)
        schedule = b < n ? (try? MinibatchSchedule(count: n, batchSize: b)) : nil
        self.rng = rng
        workspace = model.makeWorkspace(maxBatchSize: max(b, min(evaluationBatch ?? 0, n)))
    }

    deinit {
        center.deallocate()
        lower.deallocate()
        upper.deallocate()
    }

    /// Whether gradients use minibatches (batch size below the data size).
    public var usesMinibatches: Bool { schedule != nil }

    /// U(w) and ∇U(w) on the full data, ∇U written into `g`; returns (U, L_n).
    @inlinable
    public func fullPotential(at w: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> (potential: Double, loss: Double) {
        let loss = model.lossAndGradient(UnsafeBufferPointer(w), gradient: g, workspace: &workspace)
        return (addPriorTerms(loss: loss, at: w, gradient: g), loss)
    }

    /// U and ∇U estimated on the next minibatch (or the full data when the
    /// batch is everything); returns (U, the batch loss).
    @inlinable
    public func stochasticPotential(at w: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> (potential: Double, loss: Double) {
        let loss = stochasticLossGradient(at: w, gradient: g)
        return (addPriorTerms(loss: loss, at: w, gradient: g), loss)
    }

    /// The loss and its gradient ∇L on the next minibatch (or the full data),
    /// without the nβ, localization and prior terms (`PotentialEvaluator+SGLD.swift`
    /// adds them as it moves w). Returns the batch loss.
    @inlinable
    public func stochasticLossGradient(at w: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> Double {
        guard let schedule else { return model.lossAndGradient(UnsafeBufferPointer(w), gradient: g, workspace: &workspace) }
        let batch = schedule.next(rng: rng)
        return model.batchLossAndGradient(UnsafeBufferPointer(w), batch: batch, gradient: g, workspace: &workspace)
    }

    /// The full-data loss L_n at `w`.
    @inlinable
    public func loss(at w: UnsafeMutableBufferPointer<Double>) -> Double {
        model.loss(UnsafeBufferPointer(w), workspace: &workspace)
    }

    /// The loss on the samples `indices` at `w`, without its gradient (the
    /// evaluation subset of the draws' loss, `ChainSettings.evaluationSubset`).
    @inlinable
    public func loss(at w: UnsafeMutableBufferPointer<Double>, on indices: UnsafeBufferPointer<Int>) -> Double {
        model.batchLoss(UnsafeBufferPointer(w), batch: indices, workspace: &workspace)
    }

    /// Scales the loss gradient by nβ and adds the localization and prior terms.
    /// Outside the prior's support U is +∞ (the gradient is left without the prior term).
    @inlinable
    func addPriorTerms(loss: Double, at w: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> Double {
        var u = nbeta * loss
        for i in 0..<dimension {
            let d = w[i] - center[i]
            u += 0.5 * localization * d * d
            g[i] = nbeta * g[i] + localization * d
        }
        switch priorTerms {
        case .flat:
            return u
        case let .uniform(logVolume):
            guard isInSupport(w) else { return .infinity }
            return u - -logVolume
        case let .normal(sigma, precision, logNormaliser):
            var s = 0.0
            for i in 0..<dimension {
                s += w[i] * w[i]
                g[i] -= -w[i] * precision
            }
            return u - (-s / (2 * sigma * sigma) - logNormaliser)
        }
    }

    /// Whether `w` lies in the prior's support.
    @inlinable
    public func isInSupport(_ w: UnsafeMutableBufferPointer<Double>) -> Bool {
        for i in 0..<lower.count where !(w[i] >= lower[i] && w[i] <= upper[i]) { return false }
        return true
    }

    /// Reflects `w` (and flips the matching momentum components) back into a
    /// uniform prior's box; returns false if it is still outside (a jump past twice the box).
    @inlinable
    func reflectIntoSupport(_ w: UnsafeMutableBufferPointer<Double>, momentum p: UnsafeMutableBufferPointer<Double>?) -> Bool {
        guard !lower.isEmpty else { return true }
        for i in 0..<dimension {
            let lo = lower[i], hi = upper[i]
            if w[i] < lo {
                w[i] = 2 * lo - w[i]
                p?[i].negate()
            } else if w[i] > hi {
                w[i] = 2 * hi - w[i]
                p?[i].negate()
            }
            if !(w[i] >= lo && w[i] <= hi) { return false }
        }
        return true
    }
}
