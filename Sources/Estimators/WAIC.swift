import Foundation
import Models
import Sampling

/// The widely applicable information criterion and the singular fluctuation
/// (Watanabe 2010, JMLR 11:3571), from draws of the posterior at β:
///
///     T_n  = −(1/n) Σ_i log E_w[p(X_i|w)]        (the Bayes training loss)
///     V_n  = Σ_i Var_w[log p(X_i|w)]              (the functional variance)
///     WAIC = T_n + β V_n / n,    ν̂ = (β/2) V_n    (regular models: ν = d/2)
///
/// The draws are streamed: per-sample running log-sum-exp (for log E_w[p])
/// and Welford mean/variance (for Var_w) in n-length arrays, never n × draws.
public enum WAIC {
    public struct Result: Sendable, Codable {
        /// T_n + β V_n / n (per-sample scale, like L_n).
        public var waic: Double
        /// Standard error of WAIC from the spread of the per-chain estimates (nan with one chain).
        public var error: Double
        /// n · WAIC, the scale of n L_n and of the free energy.
        public var nWAIC: Double
        public var trainingLoss: Double
        public var functionalVariance: Double
        public var singularFluctuation: Double
        /// Standard error of ν̂ from the spread of the per-chain estimates.
        public var singularFluctuationError: Double
        public var beta: Double
        public var nbeta: Double
        public var samples: Int
        /// Posterior draws used (over all healthy chains).
        public var draws: Int
        /// R̂ and bulk/tail ESS of the loss draws.
        public var rhat: Double
        public var essBulk: Double
        public var essTail: Double
        /// Mean Metropolis acceptance (MALA, HMC).
        public var acceptance: Double?
        public var divergences: Int
        /// ok / check / unreliable from the loss draws' R̂, ESS, divergences and acceptance.
        public var verdict: Verdict

        enum CodingKeys: String, CodingKey {
            case waic, error, nWAIC = "n_waic", trainingLoss = "training_loss", functionalVariance = "functional_variance"
            case singularFluctuation = "singular_fluctuation", singularFluctuationError = "singular_fluctuation_error"
            case beta, nbeta, samples, draws, rhat = "r_hat", essBulk = "ess_bulk", essTail = "ess_tail", acceptance, divergences, verdict
        }
    }

    /// WAIC of `model` from chains of `sampler` on φ(w) exp(−nβ L_n) (no
    /// localization) started at `initial`. Throws for a model without
    /// per-sample log-likelihoods (a potential).
    public static func estimate<M: Model>(model: M, prior: Prior, sampler: SamplerConfiguration,
                                          initial: [Double], settings: ChainSettings, beta: Double = 1,
                                          progress: (@Sendable (Int) -> Void)? = nil) async throws -> Result {
        guard beta > 0, beta.isFinite else { throw SpecificationError("β must be positive, got \(beta)") }
        try checkPerSampleTerms(model, at: initial)
        let n = model.sampleCount
        var s = settings
        s.recordPositions = true
        let (healthy, divergences) = try await TemperedLoss.chains(model: model, nbeta: beta * Double(n), prior: prior, sampler: sampler,
                                                                   initial: initial, settings: s, progress: progress)
        guard !healthy.isEmpty else { throw SpecificationError("every chain diverged; reduce the step size") }

        var workspace = model.makeWorkspace(maxBatchSize: n)
        var buffer = [Double](repeating: 0, count: n)
        var perChain: [Accumulator] = []
        for chain in healthy {
            var acc = Accumulator(samples: n)
            let positions = chain.positions ?? []
            let d = model.dimension
            positions.withUnsafeBufferPointer { p in
                buffer.withUnsafeMutableBufferPointer { out in
                    for draw in 0..<(positions.count / d) {
                        model.logLikelihoods(UnsafeBufferPointer(rebasing: p[(draw * d)..<((draw + 1) * d)]), into: out, workspace: &workspace)
                        acc.add(UnsafeBufferPointer(out))
                    }
                }
            }
            perChain.append(acc)
        }
        var pooled = perChain[0]
        for acc in perChain.dropFirst() { pooled.merge(acc) }
        let (t, v) = pooled.trainingLossAndFunctionalVariance()
        let estimates = perChain.map { $0.trainingLossAndFunctionalVariance() }
        func standardError(_ x: [Double]) -> Double {
            guard x.count >= 2 else { return .nan }
            let m = x.reduce(0, +) / Double(x.count)
            return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1) / Double(x.count)).squareRoot()
        }
        let nd = Double(n)
        let waic = t + beta * v / nd
        let diagnostics = Diagnostics(chains: healthy.map(\.losses))
        let evidence = Verdict.SamplingEvidence(sampler: sampler.kind, healthy: healthy, divergences: divergences, diagnostics: diagnostics)
        return Result(waic: waic, error: standardError(estimates.map { $0.0 + beta * $0.1 / nd }), nWAIC: nd * waic,
                      trainingLoss: t, functionalVariance: v, singularFluctuation: beta / 2 * v,
                      singularFluctuationError: standardError(estimates.map { beta / 2 * $0.1 }),
                      beta: beta, nbeta: beta * nd, samples: n, draws: pooled.count,
                      rhat: diagnostics.rhat, essBulk: diagnostics.essBulk, essTail: diagnostics.essTail,
                      acceptance: evidence.acceptance, divergences: divergences, verdict: Verdict(sampling: evidence))
    }

    /// Throws unless `logLikelihoods` fills all n slots and sums to −n L_n.
    static func checkPerSampleTerms<M: Model>(_ model: M, at w: [Double]) throws {
        let n = model.sampleCount
        var workspace = model.makeWorkspace(maxBatchSize: n)
        var out = [Double](repeating: .nan, count: n)
        let nLoss = w.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { model.logLikelihoods(p, into: $0, workspace: &workspace) }
            return Double(n) * model.loss(p, workspace: &workspace)
        }
        let sum = out.reduce(0, +)
        guard sum.isFinite, abs(sum + nLoss) <= 1e-6 * (1 + abs(nLoss)) else {
            throw SpecificationError("WAIC needs a model with per-sample data (a regression model): a potential has no per-sample log-likelihoods")
        }
    }

    /// Per-sample running log Σ_s p(X_i|w_s) and Welford moments of log p(X_i|w_s).
    struct Accumulator {
        var count = 0
        var maxLog: [Double]
        var sumExp: [Double]
        var mean: [Double]
        var m2: [Double]

        init(samples n: Int) {
            maxLog = [Double](repeating: -.infinity, count: n)
            sumExp = [Double](repeating: 0, count: n)
            mean = [Double](repeating: 0, count: n)
            m2 = [Double](repeating: 0, count: n)
        }

        mutating func add(_ logp: UnsafeBufferPointer<Double>) {
            count += 1
            let c = Double(count)
            for i in 0..<logp.count {
                let l = logp[i]
                if l > maxLog[i] {
                    sumExp[i] = sumExp[i] * exp(maxLog[i] - l) + 1
                    maxLog[i] = l
                } else {
                    sumExp[i] += exp(l - maxLog[i])
                }
                let delta = l - mean[i]
                mean[i] += delta / c
                m2[i] += delta * (l - mean[i])
            }
        }

        /// Chan et al.'s pairwise update, and log-sum-exp on a common maximum.
        mutating func merge(_ other: Accumulator) {
            guard other.count > 0 else { return }
            guard count > 0 else { self = other; return }
            let a = Double(count), b = Double(other.count), total = a + b
            for i in mean.indices {
                let top = max(maxLog[i], other.maxLog[i])
                sumExp[i] = sumExp[i] * exp(maxLog[i] - top) + other.sumExp[i] * exp(other.maxLog[i] - top)
                maxLog[i] = top
                let delta = other.mean[i] - mean[i]
                mean[i] += delta * b / total
                m2[i] += other.m2[i] + delta * delta * a * b / total
            }
            count += other.count
        }

        /// (T_n, V_n); the variance uses the S − 1 denominator.
        func trainingLossAndFunctionalVariance() -> (Double, Double) {
            guard count >= 2 else { return (.nan, .nan) }
            let logS = log(Double(count))
            var t = 0.0, v = 0.0
            for i in mean.indices {
                t -= maxLog[i] + log(sumExp[i]) - logS
                v += m2[i] / Double(count - 1)
            }
            return (t / Double(mean.count), v)
        }
    }
}
