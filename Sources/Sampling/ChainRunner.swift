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
    /// Record the parameters at every draw (for `--trace`).
    public var recordPositions = false
    /// How many draws of SGLD chains also evaluate the MALA acceptance
    /// probability of a step (each costs two full-data gradients).
    public var diagnosticProbes = 100

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
}

/// Runs chains in parallel. Chain k draws only from stream k of the seed, and
/// results are returned in chain order, so the same settings give bit-identical
/// results whatever the number of threads.
public enum ChainRunner {
    /// - Parameters:
    ///   - initial: the starting point of every chain (usually w*).
    ///   - maxConcurrency: chains running at once (nil: one per core).
    ///   - progress: called with the number of steps just completed by some chain.
    public static func run<M: Model, K: Kernel>(
        posterior: Posterior<M>, kernel: K, initial: [Double], settings: ChainSettings,
        maxConcurrency: Int? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) async -> [ChainResult] {
        let limit = max(1, maxConcurrency ?? ProcessInfo.processInfo.activeProcessorCount)
        return await withTaskGroup(of: ChainResult.self) { group in
            var results: [ChainResult] = []
            var next = 0
            func launch() {
                let k = next
                next += 1
                group.addTask {
                    runChain(k, posterior: posterior, kernel: kernel, initial: initial, settings: settings, progress: progress)
                }
            }
            while next < min(limit, settings.chains) { launch() }
            while let result = await group.next() {
                results.append(result)
                if next < settings.chains { launch() }
            }
            return results.sorted { $0.chain < $1.chain }
        }
    }

    /// Runs chain `k` to completion on the calling thread.
    public static func runChain<M: Model, K: Kernel>(
        _ k: Int, posterior: Posterior<M>, kernel: K, initial: [Double], settings: ChainSettings,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> ChainResult {
        let rng = RandomStream(seed: settings.seed, stream: k)
        let batch = kernel.acceptsMinibatches ? settings.batchSize : nil
        let chain = ChainState(posterior: posterior, initial: initial, stepSize: kernel.stepSize, batchSize: batch, rng: rng)
        let d = posterior.dimension
        let initialLoss = chain.currentLoss()
        let threshold = settings.divergenceThreshold ?? 1e6 * Double(d + 1)
        kernel.prepare(chain)

        var adaptation = settings.adaptStepSize ? kernel.targetAcceptance.map {
            StepSizeAdaptation(initialStepSize: kernel.stepSize, targetAcceptance: $0)
        } : nil

        let thin = max(1, settings.thin)
        let totalSteps = settings.burnIn + settings.draws * thin
        var losses: [Double] = []
        losses.reserveCapacity(settings.draws)
        var positions: [Double]? = settings.recordPositions ? [] : nil
        positions?.reserveCapacity(settings.draws * d)
        var lastFinite: Double? = initialLoss.isFinite ? initialLoss : nil
        var divergence: Divergence?
        var acceptedAfterBurnIn = 0, proposalsAfterBurnIn = 0
        // The probe is an SGLD diagnostic: SGNHT's h is not a Langevin ε.
        let probeEvery = settings.diagnosticProbes > 0 && kernel.langevinStepSize != nil
            ? max(1, settings.draws / settings.diagnosticProbes) : Int.max
        var probeSum = 0.0, probes = 0
        let progressEvery = 1024
        var sinceReport = 0

        for step in 0..<totalSteps {
            if step == settings.burnIn {
                if let a = adaptation { chain.stepSize = a.finalStepSize; adaptation = nil }
                acceptedAfterBurnIn = chain.accepted
                proposalsAfterBurnIn = chain.proposals
            }
            let acceptedBefore = chain.accepted
            if let reason = kernel.step(chain) {
                divergence = Divergence(chain: k, step: step, reason: reason, lastFiniteLoss: lastFinite)
                break
            }
            if adaptation != nil {
                chain.stepSize = adaptation!.update(acceptance: chain.accepted > acceptedBefore ? 1 : 0)
            }
            sinceReport += 1
            if sinceReport == progressEvery { progress?(sinceReport); sinceReport = 0 }

            let afterBurnIn = step - settings.burnIn
            guard afterBurnIn >= 0, (afterBurnIn + 1) % thin == 0 else { continue }
            let draw = afterBurnIn / thin
            let loss: Double
            switch settings.lossEstimator {
            case .fullData: loss = chain.potentialIsFullBatch ? chain.loss : chain.currentLoss()
            case .minibatch: loss = chain.potentialIsFullBatch ? chain.loss : chain.lastBatchLoss
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
            if positions != nil { positions!.append(contentsOf: chain.position) }
            if probeEvery != Int.max && draw % probeEvery == 0 && probes < settings.diagnosticProbes {
                probeSum += chain.malaAcceptanceProbability()
                probes += 1
            }
        }
        if sinceReport > 0 { progress?(sinceReport) }

        let proposals = chain.proposals - proposalsAfterBurnIn
        return ChainResult(
            chain: k,
            losses: losses,
            positions: positions,
            initialLoss: initialLoss,
            divergence: divergence,
            acceptanceRate: kernel.isMetropolisAdjusted && proposals > 0
                ? Double(chain.accepted - acceptedAfterBurnIn) / Double(proposals) : nil,
            diagnosticAcceptance: probes > 0 ? probeSum / Double(probes) : nil,
            stepSize: chain.stepSize,
            finalPosition: chain.positionArray
        )
    }
}
