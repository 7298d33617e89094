import Estimators
import Foundation
import Models
import Sampling
import Testing
@testable import Experiments

/// The diagnostics budget of minibatched chains on large data: the draws'
/// full-data loss on a fixed random evaluation subset per chain, the probes
/// capped, and networks on large data minibatched by default.
@Suite struct DiagnosticsBudgetTests {
    func experiment(_ json: String) throws -> Experiment {
        try ExperimentSpec.decode(Data(json.utf8)).build()
    }

    func network(n: Int) -> String {
        #"{"model": {"kind": "mlp", "widths": [2, 4, 1], "activations": "tanh", "head": "gaussian", "sigma": 0.5}, "truth": {"seed": 3}, "data": {"kind": "synthetic", "n": \#(n), "seed": 4}}"#
    }

    func setting(_ c: RunConfiguration, _ name: String) -> ResolvedSetting? {
        c.provenance.first { $0.name == name }
    }

    /// A whole-posterior estimator (WBIC) on a large network defaults to
    /// full-batch MALA: the network minibatch default, which MALA refuses,
    /// applies only when a minibatching sampler is asked for.
    @Test func wholePosteriorEstimatorsOnLargeNetworksTakeTheFullBatch() throws {
        let large = try experiment(network(n: 10_000))
        let c = try RunConfiguration.resolve(for: .wbic, spec: nil, flags: SamplerOverrides(), model: large.model)
        #expect(c.sampler.kind == .mala && c.settings.batchSize == nil)
        var flags = SamplerOverrides()
        flags.sampler = .sgld
        let sgld = try RunConfiguration.resolve(for: .wbic, spec: nil, flags: flags, model: large.model)
        #expect(sgld.settings.batchSize == RunConfiguration.defaultNetworkBatch)
    }

    @Test func networksOnLargeDataDefaultToBudgetedMinibatchSGLD() throws {
        let large = try experiment(network(n: 10_000))
        let c = try RunConfiguration.resolve(for: .llc, spec: nil, flags: SamplerOverrides(), model: large.model)
        #expect(c.sampler.kind == .sgld)
        #expect(c.settings.batchSize == RunConfiguration.defaultNetworkBatch)
        #expect(setting(c, "batch")?.source == .default && setting(c, "batch")?.value == "100")
        #expect(c.settings.evaluationSubset == RunConfiguration.defaultEvaluationSubset)
        #expect(setting(c, "evaluation subset")?.value == "\(RunConfiguration.defaultEvaluationSubset)")
        // 4 chains × (500 + 2000·10) steps of batch 100 at n = 10⁴: 5% buys 5 probes (two full gradients each).
        #expect(c.settings.diagnosticProbes == 5)
        #expect(setting(c, "acceptance probes")?.value == "5 per chain")
        #expect(c.crossCheck)
        // Networks are not extended towards the MCSE target by default (slow mixing; the verdict judges the MCSE); other models are.
        #expect(c.maxDraws == c.settings.draws && setting(c, "max draws")?.source == .default)
        // The budget is named in the JSON of the run's configuration.
        let json = String(decoding: try JSONEncoder().encode(c.provenance), as: UTF8.self)
        #expect(json.contains("evaluation subset") && json.contains("acceptance probes"))

        // An exact sampler asked for keeps the full batch; a flag's subset of 0 means all n.
        var flags = SamplerOverrides()
        flags.sampler = .mala
        let exact = try RunConfiguration.resolve(for: .llc, spec: nil, flags: flags, model: large.model)
        #expect(exact.sampler.kind == .mala && exact.settings.batchSize == nil && exact.settings.evaluationSubset == nil)
        flags = SamplerOverrides()
        flags.evaluationSubset = 0
        let full = try RunConfiguration.resolve(for: .llc, spec: nil, flags: flags, model: large.model)
        #expect(full.settings.evaluationSubset == nil && setting(full, "evaluation subset")?.source == .flag)

        // Small data, and models that are not networks, keep the full batch and MALA.
        let small = try experiment(network(n: 2000))
        let s = try RunConfiguration.resolve(for: .llc, spec: nil, flags: SamplerOverrides(), model: small.model)
        #expect(s.sampler.kind == .mala && s.settings.batchSize == nil && s.settings.evaluationSubset == nil)
        #expect(s.maxDraws == s.settings.draws)
        let polynomial = try experiment(#"{"model": {"kind": "polynomialRegression", "q": "w1*w2"}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#)
        let p = try RunConfiguration.resolve(for: .llc, spec: nil, flags: SamplerOverrides(), model: polynomial.model)
        #expect(p.sampler.kind == .mala && p.settings.batchSize == nil)
        #expect(p.maxDraws == RunConfiguration.defaultMaxDrawsFactor * p.settings.draws)
        // Minibatched by hand at n ≤ 2000: every draw's loss on all n, probes as before.
        flags = SamplerOverrides()
        flags.batchSize = 50
        let byHand = try RunConfiguration.resolve(for: .llc, spec: nil, flags: flags, model: small.model)
        #expect(byHand.sampler.kind == .sgld && byHand.settings.evaluationSubset == nil && byHand.settings.diagnosticProbes == 100)
        // Models that are not networks keep every draw on all n even when minibatched on large data.
        let dln = try experiment(#"{"model": {"kind": "deepLinearNetwork", "widths": [4, 6, 2]}, "truth": {"rank": 1}, "data": {"kind": "synthetic", "n": 10000, "seed": 5}}"#)
        flags.batchSize = 100
        let linear = try RunConfiguration.resolve(for: .llc, spec: nil, flags: flags, model: dln.model)
        #expect(linear.sampler.kind == .sgld && linear.settings.evaluationSubset == nil && linear.settings.diagnosticProbes == 100)
        #expect(setting(linear, "evaluation subset") == nil)
    }

    /// The subset estimate L_n(w*) + L_S(w) − L_S(w*) is unbiased for L_n(w):
    /// the subset comes from its own stream, so both runs below follow the
    /// same trajectories and differ only in the draws' loss. Over 24 chains
    /// (24 independent subsets) the per-chain λ̂ differences average to zero
    /// within 4 standard errors of their own measured spread (the tolerance is
    /// the spread this seed measures, not a guess; a biased estimator, such as
    /// L_S(w) against L_n(w*) without the anchor L_S(w*), would be off by its
    /// bias, which this bound sees once it exceeds 4 standard errors).
    @Test func subsetLossIsUnbiasedForTheFullDataLoss() async throws {
        let e = try experiment(network(n: 3000))
        guard case let .mlp(model) = e.model else { Issue.record("not an MLP"); return }
        let posterior = Posterior(model: model, nbeta: Posterior<MLP>.defaultNBeta(sampleCount: 3000), localization: 1, center: e.truth)
        var settings = ChainSettings()
        settings.chains = 24
        settings.draws = 100
        settings.burnIn = 50
        settings.thin = 5
        settings.batchSize = 50
        settings.diagnosticProbes = 0
        let kernel = SGLD(stepSize: 2e-5)
        let full = await ChainRunner.run(posterior: posterior, kernel: kernel, initial: posterior.center, settings: settings)
        settings.evaluationSubset = 300
        let budgeted = await ChainRunner.run(posterior: posterior, kernel: kernel, initial: posterior.center, settings: settings)
        let a = LocalLearningCoefficient.summarize(full, posterior: posterior, sampler: kernel.configuration)
        let b = LocalLearningCoefficient.summarize(budgeted, posterior: posterior, sampler: kernel.configuration)
        #expect(a.divergences.isEmpty && b.divergences.isEmpty)
        #expect(full[0].finalPosition == budgeted[0].finalPosition, "the subset must not move the chains")
        #expect(full[0].initialLoss == budgeted[0].initialLoss)
        let d = zip(b.chains, a.chains).map { $0 - $1 }
        #expect(d.contains { $0 != 0 }, "the budget was not applied")
        let mean = d.reduce(0, +) / Double(d.count)
        let sd = (d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(d.count - 1)).squareRoot()
        #expect(abs(mean) <= 4 * sd / Double(d.count).squareRoot(), "mean difference \(mean), sd \(sd), λ̂ \(a.llcMean)")
    }
}
