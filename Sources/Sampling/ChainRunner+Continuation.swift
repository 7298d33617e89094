import GSL
import Models

extension ChainRunner {
    /// Runs `sampler`'s kernel for one chain at its own step size: the chain
    /// `k` of `settings` (stream k of `settings.seed`).
    @inlinable
    public static func runChain<M: Model>(
        _ k: Int, posterior: Posterior<M>, sampler: SamplerConfiguration, initial: [Double], settings: ChainSettings,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> ChainResult {
        switch sampler.kind {
        case .sgld:
            return runChain(k, posterior: posterior, kernel: SGLD(stepSize: sampler.stepSize), initial: initial,
                            settings: settings, progress: progress)
        case .mala:
            return runChain(k, posterior: posterior, kernel: MALA(stepSize: sampler.stepSize), initial: initial,
                            settings: settings, progress: progress)
        case .sgnht:
            return runChain(k, posterior: posterior, kernel: SGNHT(stepSize: sampler.stepSize, diffusion: sampler.diffusion),
                            initial: initial, settings: settings, progress: progress)
        case .hmc:
            return runChain(k, posterior: posterior, kernel: HMC(stepSize: sampler.stepSize, leapfrogSteps: sampler.leapfrogSteps),
                            initial: initial, settings: settings, progress: progress)
        }
    }

    /// Extends each healthy chain by `draws` more draws from where it
    /// stopped, at the step size it ended with (no burn-in, no adaptation),
    /// and appends them. Segment `segment` ≥ 1 draws from streams of the
    /// seed `segmentSeed(settings.seed, segment)`, so an extended run is
    /// as deterministic as the first segment, whatever the thread count.
    /// Diverged chains are returned unchanged.
    @inlinable
    public static func extend<M: Model>(
        _ results: [ChainResult], posterior: Posterior<M>, sampler: SamplerConfiguration, settings: ChainSettings,
        draws: Int, segment: Int, maxConcurrency: Int? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) -> [ChainResult] {
        var next = settings
        next.burnIn = 0
        next.draws = draws
        next.adaptStepSize = false
        next.seed = segmentSeed(settings.seed, segment: segment)
        let more = next
        return Parallel.map(results.count, maxConcurrency: maxConcurrency) { k in
            let r = results[k]
            guard r.divergence == nil, !r.losses.isEmpty else { return r }
            var configuration = sampler
            configuration.stepSize = r.stepSize
            let next = runChain(r.chain, posterior: posterior, sampler: configuration, initial: r.finalPosition,
                                settings: more, progress: progress)
            return r.appending(next)
        }
    }

    /// The seed of continuation segment `segment` (0 is the run's own seed).
    public static func segmentSeed(_ seed: UInt64, segment: Int) -> UInt64 {
        segment == 0 ? seed : seed ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(segment))
    }
}

extension ChainResult {
    /// This chain followed by `next`, a continuation from its final position:
    /// the losses and positions concatenated, rates weighted by draws, the
    /// initial loss (at w*) kept from the first segment.
    public func appending(_ next: ChainResult) -> ChainResult {
        let a = Double(losses.count), b = Double(next.losses.count)
        func weighted(_ x: Double?, _ y: Double?) -> Double? {
            guard let x, let y else { return x ?? y }
            return a + b > 0 ? (x * a + y * b) / (a + b) : x
        }
        var positions = self.positions
        if let more = next.positions { positions?.append(contentsOf: more) }
        return ChainResult(chain: chain, losses: losses + next.losses, positions: positions, initialLoss: initialLoss,
                           divergence: divergence ?? next.divergence,
                           acceptanceRate: weighted(acceptanceRate, next.acceptanceRate),
                           diagnosticAcceptance: weighted(diagnosticAcceptance, next.diagnosticAcceptance),
                           stepSize: stepSize, finalPosition: next.finalPosition)
    }
}
