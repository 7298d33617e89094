import GSL
import Models

/// The mutable state of one chain: position, cached potential and gradient,
/// momentum and thermostat for the kinetic samplers, minibatch indices, and
/// the model's workspace. All buffers are allocated once, when the chain
/// starts; a step allocates nothing. One chain, one task: not shared.
public final class ChainState<M: Model> {
    public let posterior: Posterior<M>
    public let dimension: Int
    /// The model, and the posterior's scalars and w* copied into this chain's
    /// own storage: the hot loop then touches no storage shared with other
    /// chains (shared arrays would bounce their reference counts between cores).
    @usableFromInline let model: M
    @usableFromInline let nbeta: Double
    @usableFromInline let localization: Double
    @usableFromInline let weightDecay: Double
    @usableFromInline let center: UnsafeMutableBufferPointer<Double>
    /// Position w.
    public let position: UnsafeMutableBufferPointer<Double>
    /// ∇U at `position` (full batch for MALA/HMC, the last batch for SGLD/SGNHT).
    public let gradient: UnsafeMutableBufferPointer<Double>
    /// Scratch: a proposal and its gradient (MALA, HMC, SGLD's diagnostic).
    public let proposal: UnsafeMutableBufferPointer<Double>
    public let proposalGradient: UnsafeMutableBufferPointer<Double>
    /// Momentum p (SGNHT, HMC).
    public let momentum: UnsafeMutableBufferPointer<Double>
    /// Scratch for the full-batch gradient of the SGLD/SGNHT acceptance diagnostic.
    let probeGradient: UnsafeMutableBufferPointer<Double>
    /// Thermostat ξ (SGNHT).
    public var thermostat: Double = 0
    /// U at `position` when `potentialIsFullBatch`; used by MALA and HMC.
    public var potential: Double = .nan
    /// The full-data loss L_n at `position`, when known.
    public var loss: Double = .nan
    /// The loss of the last minibatch a stochastic step evaluated.
    public var lastBatchLoss: Double = .nan
    /// Whether `potential` and `gradient` are exact full-batch values at `position`.
    public var potentialIsFullBatch = false

    /// Metropolis statistics: proposals made and accepted.
    public var proposals = 0
    public var accepted = 0
    /// Sum of the MALA acceptance probabilities evaluated as an SGLD diagnostic.
    public var diagnosticAcceptanceSum = 0.0
    public var diagnosticAcceptanceCount = 0

    /// Step size in force (HMC/MALA may adapt it during burn-in).
    public var stepSize: Double

    public var workspace: M.Workspace
    @usableFromInline let batchSize: Int
    @usableFromInline let permutation: UnsafeMutableBufferPointer<Int>
    @usableFromInline var epochCursor: Int
    public let rng: RandomStream

    /// A chain starting at `initial`, drawing its randomness from `rng`.
    public init(posterior: Posterior<M>, initial: [Double], stepSize: Double, batchSize: Int?, rng: RandomStream) {
        precondition(initial.count == posterior.dimension, "initial point has the wrong dimension")
        self.posterior = posterior
        self.dimension = posterior.dimension
        self.stepSize = stepSize
        self.rng = rng
        model = posterior.model
        let n = model.sampleCount
        let b = min(batchSize ?? n, n)
        self.batchSize = max(b, 1)
        func make(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(count, 1))
            buffer.initialize(repeating: 0)
            return buffer
        }
        position = make(dimension)
        _ = position.initialize(from: initial)
        nbeta = posterior.nbeta
        localization = posterior.localization
        weightDecay = posterior.weightDecay
        center = make(dimension)
        _ = center.initialize(from: posterior.center)
        gradient = make(dimension)
        proposal = make(dimension)
        proposalGradient = make(dimension)
        momentum = make(dimension)
        probeGradient = make(dimension)
        permutation = .allocate(capacity: max(n, 1))
        for i in 0..<max(n, 1) { permutation[i] = i }
        epochCursor = max(n, 1)  // starts a new epoch at the first batch
        workspace = model.makeWorkspace(maxBatchSize: self.batchSize)
    }

    deinit {
        position.deallocate()
        center.deallocate()
        gradient.deallocate()
        proposal.deallocate()
        proposalGradient.deallocate()
        momentum.deallocate()
        probeGradient.deallocate()
        permutation.deallocate()
    }

    /// Whether gradients use minibatches (batch size below the data size).
    public var usesMinibatches: Bool { batchSize < model.sampleCount }

    /// The next minibatch: the next `batchSize` positions of a lazy
    /// Fisher–Yates shuffle, restarted each epoch, so samples are drawn
    /// without replacement within an epoch at the cost of one random number
    /// per index used.
    @inlinable
    func nextBatch() -> UnsafeBufferPointer<Int> {
        let n = model.sampleCount
        if epochCursor + batchSize > n { epochCursor = 0 }
        rng.drawWithoutReplacement(permutation, start: epochCursor, count: batchSize)
        let slice = UnsafeBufferPointer(rebasing: permutation[epochCursor..<(epochCursor + batchSize)])
        epochCursor += batchSize
        return slice
    }

    /// U(w) and ∇U(w) on the full data, written into `gradient`; returns (U, L_n).
    @inlinable
    public func fullPotential(at w: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> (potential: Double, loss: Double) {
        let loss = model.lossAndGradient(UnsafeBufferPointer(w), gradient: g, workspace: &workspace)
        lastBatchLoss = loss
        return (addPriorTerms(loss: loss, at: w, gradient: g), loss)
    }

    /// U and ∇U estimated on the next minibatch (or the full data when the
    /// batch is everything); returns the batch loss.
    @inlinable
    public func stochasticPotential(at w: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> (potential: Double, loss: Double) {
        guard usesMinibatches else { return fullPotential(at: w, gradient: g) }
        let batch = nextBatch()
        let loss = model.batchLossAndGradient(UnsafeBufferPointer(w), batch: batch, gradient: g, workspace: &workspace)
        lastBatchLoss = loss
        return (addPriorTerms(loss: loss, at: w, gradient: g), loss)
    }

    /// Caches the exact full-batch U, ∇U and L_n at the current position
    /// (the Metropolis kernels' starting state).
    public func cacheFullPotential() {
        (potential, loss) = fullPotential(at: position, gradient: gradient)
        potentialIsFullBatch = true
    }

    /// U(w) on the full data, without a gradient.
    @inlinable
    public func fullPotentialValue(at w: UnsafeMutableBufferPointer<Double>) -> (potential: Double, loss: Double) {
        let loss = model.loss(UnsafeBufferPointer(w), workspace: &workspace)
        var u = nbeta * loss
        for i in 0..<dimension {
            let d = w[i] - center[i]
            u += 0.5 * localization * d * d + 0.5 * weightDecay * w[i] * w[i]
        }
        return (u, loss)
    }

    /// The full-data loss L_n at the current position.
    @inlinable
    public func currentLoss() -> Double {
        model.loss(UnsafeBufferPointer(position), workspace: &workspace)
    }

    /// Scales the loss gradient by nβ and adds the localization and weight-decay terms.
    @inlinable
    func addPriorTerms(loss: Double, at w: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> Double {
        var u = nbeta * loss
        for i in 0..<dimension {
            let d = w[i] - center[i]
            u += 0.5 * localization * d * d + 0.5 * weightDecay * w[i] * w[i]
            g[i] = nbeta * g[i] + localization * d + weightDecay * w[i]
        }
        return u
    }

    /// Reflects `w` (and flips the matching momentum components) back into the
    /// prior's box; returns false if it is still outside (a jump past twice the box).
    @inlinable
    func reflectIntoSupport(_ w: UnsafeMutableBufferPointer<Double>, momentum p: UnsafeMutableBufferPointer<Double>?) -> Bool {
        guard let box = posterior.support else { return true }
        for i in 0..<dimension {
            let lo = box.lower[i], hi = box.upper[i]
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

    /// Position as an array (for reports).
    public var positionArray: [Double] { Array(position) }
}
