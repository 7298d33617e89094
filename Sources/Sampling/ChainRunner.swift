import Foundation
import GSL
import Models

/// How many chains to run and how long (devinterp's names where it has them).
public struct ChainSettings: Sendable, Codable, Equatable {
    /// Which loss the draws record.
    public enum LossEstimator: String, Sendable, Codable {
        /// L_n(w) on all n samples at each draw (unbiased for E^β[L_n]).
        case fullData = "full"
        /// The minibatch loss the step computed (devinterp's default): cheaper,
        /// but its mean includes the batch noise; see docs/estimators.md.
        case minibatch
    }

    public var chains: Int = 4
    public var draws: Int = 2000
    public var burnIn: Int = 500
    /// Keep every `thin`-th step after burn-in.
    public var thin: Int = 1
    public var seed: UInt64 = 1
    /// Minibatch size for SGLD/SGNHT; nil or ≥ n means full batch.
    public var batchSize: Int?
    public var lossEstimator: LossEstimator = .fullData
    /// A chain whose nβ(L − L(w_init)) exceeds this has diverged; nil picks 10⁶·(d + 1).
    public var divergenceThreshold: Double?
    /// Adapt MALA/HMC step sizes during burn-in (dual averaging).
    public var adaptStepSize = false
    /// The acceptance rate the adaptation aims at (nil: the kernel's own,
    /// `SamplerKind.targetAcceptance`).
    public var targetAcceptance: Double?
    /// Record the parameters at every draw (for `--trace`).
    public var recordPositions = false
    /// How many draws of SGLD chains also evaluate the MALA acceptance
    /// probability of a step (each costs two full-data gradients).
    public var diagnosticProbes = 100
    /// The diagnostics budget of minibatched chains: the full-data loss at
    /// each draw is estimated on a fixed random subset of this many samples,
    /// drawn once per chain from its own evaluation stream, as
    /// L_n(w*) + L_S(w) − L_S(w*) (unbiased for L_n(w) over the subset's
    /// draw; docs/estimators.md). nil, or at least n: all n samples. Applies
    /// only where the draws' loss is not the step's own (SGLD/SGNHT with the
    /// full-data estimator).
    public var evaluationSubset: Int?

    public init() {}
}

/// One chain's output.
public struct ChainResult: Sendable, Codable {
    public var chain: Int
    /// The loss at each draw (full-data L_n unless the minibatch estimator was chosen).
    public var losses: [Double]
    /// Parameters at each draw, row-major (draws × d), when recorded.
    public var positions: [Double]?
    /// L_n at the initial point w_init (the w* of the LLC).
    public var initialLoss: Double
    public var divergence: Divergence?
    /// Metropolis acceptance rate after burn-in (MALA, HMC).
    public var acceptanceRate: Double?
    /// Mean MALA acceptance probability of the steps (SGLD, SGNHT diagnostic).
    public var diagnosticAcceptance: Double?
    public var stepSize: Double
    public var finalPosition: [Double]

    public init(chain: Int, losses: [Double], positions: [Double]?, initialLoss: Double, divergence: Divergence?,
                acceptanceRate: Double?, diagnosticAcceptance: Double?, stepSize: Double, finalPosition: [Double]) {
        self.chain = chain
        self.losses = losses
        self.positions = positions
        self.initialLoss = initialLoss
        self.divergence = divergence
        self.acceptanceRate = acceptanceRate
        self.diagnosticAcceptance = diagnosticAcceptance
        self.stepSize = stepSize
        self.finalPosition = finalPosition
    }
}

/// Runs chains in parallel (`Parallel.map`). Chain k draws only from stream
/// k of the seed, and results are returned in chain order, so the same
/// settings give bit-identical results whatever the number of threads.
public enum ChainRunner {
    /// Runs `sampler`'s kernel: the one place that turns a `SamplerConfiguration`
    /// into a concrete kernel, so the chains are specialised on it.
    @inlinable
    public static func run<M: Model>(
        posterior: Posterior<M>, sampler: SamplerConfiguration, initial: [Double], settings: ChainSettings,
        maxConcurrency: Int? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) async -> [ChainResult] {
        switch sampler.kind {
        case .sgld:
            return await run(posterior: posterior, kernel: SGLD(stepSize: sampler.stepSize), initial: initial,
                             settings: settings, maxConcurrency: maxConcurrency, progress: progress)
        case .mala:
            return await run(posterior: posterior, kernel: MALA(stepSize: sampler.stepSize), initial: initial,
                             settings: settings, maxConcurrency: maxConcurrency, progress: progress)
        case .sgnht:
            return await run(posterior: posterior, kernel: SGNHT(stepSize: sampler.stepSize, diffusion: sampler.diffusion),
                             initial: initial, settings: settings, maxConcurrency: maxConcurrency, progress: progress)
        case .hmc:
            return await run(posterior: posterior, kernel: HMC(stepSize: sampler.stepSize, leapfrogSteps: sampler.leapfrogSteps),
                             initial: initial, settings: settings, maxConcurrency: maxConcurrency, progress: progress)
        }
    }

    /// - Parameters:
    ///   - initial: the starting point of every chain (usually w*).
    ///   - maxConcurrency: chains running at once (nil: one per core).
    ///   - progress: called with the number of steps just completed by some chain.
    @inlinable
    public static func run<M: Model, K: Kernel>(
        posterior: Posterior<M>, kernel: K, initial: [Double], settings: ChainSettings,
        maxConcurrency: Int? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) async -> [ChainResult] {
        // Every chain starts at `initial`, so L_n there is one number:
        // computed once here rather than by each chain (a full-data pass,
        // as long as a few hundred minibatch steps on a large data set).
        let initialLoss = settings.chains > 1 ? self.initialLoss(posterior: posterior, kernel: kernel, initial: initial, settings: settings) : nil
        return Parallel.map(settings.chains, maxConcurrency: maxConcurrency) { k in
            runChain(k, posterior: posterior, kernel: kernel, initial: initial, settings: settings, initialLoss: initialLoss,
                     progress: progress)
        }
    }

    /// L_n at `initial`, from an evaluator set up as a chain's is: the number
    /// `runChain` computes at its start, bit for bit (the full-data loss
    /// is a fixed sum that does not depend on the chain).
    @inlinable
    public static func initialLoss<M: Model, K: Kernel>(posterior: Posterior<M>, kernel: K, initial: [Double],
                                                        settings: ChainSettings) -> Double {
        let n = posterior.model.sampleCount
        let subsetSize = settings.evaluationSubset.flatMap {
            $0 >= 1 && $0 < n && posterior.model.hasPerSampleData && settings.lossEstimator == .fullData ? $0 : nil
        }
        let potential = PotentialEvaluator(posterior: posterior, batchSize: kernel.acceptsMinibatches ? settings.batchSize : nil,
                                           rng: RandomStream(seed: settings.seed, stream: 0), evaluationBatch: subsetSize)
        let w = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(initial.count, 1))
        defer { w.deallocate() }
        _ = w.initialize(from: initial)
        return potential.loss(at: UnsafeMutableBufferPointer(rebasing: w[0..<initial.count]))
    }

    /// Runs chain `k` to completion on the calling thread. `initialLoss`,
    /// when given, is L_n at `initial` (`initialLoss(posterior:…)`), which
    /// the chain then does not recompute.
    @inlinable
    public static func runChain<M: Model, K: Kernel>(
        _ k: Int, posterior: Posterior<M>, kernel: K, initial: [Double], settings: ChainSettings,
        initialLoss knownInitialLoss: Double? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) -> ChainResult {
        precondition(initial.count == posterior.dimension, "initial point has the wrong dimension")
        let rng = RandomStream(seed: settings.seed, stream: k)
        let n = posterior.model.sampleCount
        let subsetSize = settings.evaluationSubset.flatMap {
            $0 >= 1 && $0 < n && posterior.model.hasPerSampleData && settings.lossEstimator == .fullData ? $0 : nil
        }
        let potential = PotentialEvaluator(posterior: posterior, batchSize: kernel.acceptsMinibatches ? settings.batchSize : nil,
                                           rng: rng, evaluationBatch: subsetSize)
        let d = posterior.dimension
        let state = kernel.initialize(at: initial, potential: potential, rng: rng)
        let initialLoss = knownInitialLoss ?? potential.loss(at: state.position)
        // The evaluation subset: from its own stream, so the chain's steps are
        // the same with or without it; sorted for memory order.
        var subset = UnsafeMutableBufferPointer<Int>.allocate(capacity: subsetSize ?? 0)
        defer { subset.deallocate() }
        var subsetAnchor = 0.0
        if let subsetSize, let schedule = try? MinibatchSchedule(count: n, batchSize: subsetSize) {
            _ = schedule.next(into: subset, rng: evaluationStream(seed: settings.seed, chain: k))
            subset.sort()
            subsetAnchor = potential.loss(at: state.position, on: UnsafeBufferPointer(subset))
        }
        let threshold = settings.divergenceThreshold ?? 1e6 * Double(d + 1)
        var stepSize = kernel.stepSize
        var adaptation = settings.adaptStepSize ? kernel.targetAcceptance.map {
            StepSizeAdaptation(initialStepSize: kernel.stepSize, targetAcceptance: settings.targetAcceptance ?? $0)
        } : nil

        let thin = max(1, settings.thin)
        let totalSteps = settings.burnIn + settings.draws * thin
        var losses: [Double] = []
        losses.reserveCapacity(settings.draws)
        var positions: [Double]? = settings.recordPositions ? [] : nil
        positions?.reserveCapacity(settings.draws * d)
        var lastFinite: Double? = initialLoss.isFinite ? initialLoss : nil
        var divergence: Divergence?
        var accepted = 0, proposals = 0
        // The probe is an SGLD diagnostic: SGNHT's h is not a Langevin ε.
        let probe = settings.diagnosticProbes > 0 && kernel.langevinStepSize != nil ? LangevinProbe(dimension: d) : nil
        let probeEvery = probe != nil ? max(1, settings.draws / settings.diagnosticProbes) : Int.max
        var probeSum = 0.0, probes = 0
        let progressEvery = 1024
        var sinceReport = 0

        for step in 0..<totalSteps {
            if step == settings.burnIn, let a = adaptation {
                stepSize = a.finalStepSize
                adaptation = nil
            }
            let info = kernel.step(state, potential: potential, stepSize: stepSize, rng: rng)
            if let reason = info.divergence {
                divergence = Divergence(chain: k, step: step, reason: reason, lastFiniteLoss: lastFinite)
                break
            }
            if adaptation != nil {
                stepSize = adaptation!.update(acceptance: info.acceptanceProbability)
            }
            sinceReport += 1
            if sinceReport == progressEvery { progress?(sinceReport); sinceReport = 0 }

            let afterBurnIn = step - settings.burnIn
            guard afterBurnIn >= 0 else { continue }
            proposals += 1
            if info.isAccepted { accepted += 1 }
            guard (afterBurnIn + 1) % thin == 0 else { continue }
            let draw = afterBurnIn / thin
            let loss: Double
            switch settings.lossEstimator {
            case .fullData:
                if let l = info.loss {
                    loss = l
                } else if subsetSize != nil {
                    loss = initialLoss + (potential.loss(at: state.position, on: UnsafeBufferPointer(subset)) - subsetAnchor)
                } else {
                    loss = potential.loss(at: state.position)
                }
            case .minibatch: loss = info.loss ?? info.batchLoss
            }
            guard loss.isFinite else {
                divergence = Divergence(chain: k, step: step, reason: .nonFiniteLoss, lastFiniteLoss: lastFinite)
                break
            }
            if posterior.nbeta * (loss - initialLoss) > threshold {
                divergence = Divergence(chain: k, step: step, reason: .lossExploded, lastFiniteLoss: lastFinite)
                break
            }
            lastFinite = loss
            losses.append(loss)
            if positions != nil { positions!.append(contentsOf: state.position) }
            if let probe, draw % probeEvery == 0 && probes < settings.diagnosticProbes {
                probeSum += probe.acceptanceProbability(at: state.position, stepSize: stepSize, potential: potential, rng: rng)
                probes += 1
            }
        }
        if sinceReport > 0 { progress?(sinceReport) }

        return ChainResult(
            chain: k,
            losses: losses,
            positions: positions,
            initialLoss: initialLoss,
            divergence: divergence,
            acceptanceRate: kernel.isMetropolisAdjusted && proposals > 0 ? Double(accepted) / Double(proposals) : nil,
            diagnosticAcceptance: probes > 0 ? probeSum / Double(probes) : nil,
            stepSize: stepSize,
            finalPosition: Array(state.position)
        )
    }

    /// The stream chain `k`'s evaluation subset is drawn from (apart from
    /// its steps' stream k, so the subset leaves the trajectory unchanged).
    public static func evaluationStream(seed: UInt64, chain k: Int) -> RandomStream {
        RandomStream(seed: seed ^ 0x5EED_0F_E7A1_5B5E, stream: k)
    }
}
