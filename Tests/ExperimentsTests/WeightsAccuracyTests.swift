import Estimators
import Foundation
import Models
import Sampling
import Testing
@testable import Experiments

/// λ̂ at weights read from files, against the known λ.
///
/// (a) A deep linear network [4, 2, 4, 4] whose true weights come from
/// `Fixtures/dln-4-2-4-4-rank-1.{safetensors,npz}` (scripts/make-weights-fixtures.py:
/// a generic rank-1 product, singular value 1.05): Aoyagi's λ = 5, m = 3 (as the
/// fixture Fixtures/dln/deep-linear-network-4-2-4-4-r-1.json, tolerance 0.5; the
/// prior is flat, as in the network tests, since the file's W3 has entries
/// beyond the default uniform [−1, 1]). Both files, and the same numbers given
/// as `truth.parameters`, give the bit-identical λ̂ for one seed (n = 10⁴).
///
/// Why the single λ̂ misses λ by 0.5: not the files, the step or n, but the
/// finite-n estimand of an m = 3 model. Measured with MALA (exact) at the
/// optimised centre, γ = 1: n = 10⁴, ε = 3e-4, 4.477 ± 0.058 (seed 1); ε
/// adapted, 4.363 ± 0.042 (γ = 0.1: 4.516 ± 0.060); n = 10⁶ (sufficient
/// statistics, same cost per step), ε adapted, seeds 1–3: 4.559 ± 0.098,
/// 4.527 ± 0.066, 4.473 ± 0.059. E[nβΔL] ≈ λ − (m − 1)/log nβ (docs/estimators.md,
/// "Finite-n bias when the multiplicity m > 1") is 0.29 below λ at n = 10⁴, and the
/// localization pulls it lower. The project's answer to that bias is the fit of
/// λ − (m − 1)/(log nβ + κ) over decades of nβ (`rlct llc --nbeta-sweep`), so λ is
/// checked that way: n = 10⁶, nβ from 10² to 7·10⁴ (7 points), MALA ε = 3e-3 at
/// nβ = 10² scaled as 1/nβ, gave λ = 4.742 ± 0.064, 4.83 ± 0.24 and 4.96 ± 0.99 at
/// seeds 1, 2, 3 (`rlct llc --spec SPEC --sampler mala --step-size 3e-3
/// --nbeta-sweep 1e2,7e4 --optimize-center --seed S`): within the fixtures' 0.5 at
/// every seed, seed 1 by 0.26 = 4 of its errors.
///
/// (b) Logistic regression (an `mlp` with no hidden layer and the logistic
/// head) at its MLE: λ = d/2 with d = inputs + 1. Why logistic: a softmax
/// with K classes has K·(in+1) parameters, but adding one vector to every
/// class's weights changes nothing, so that parametrisation is singular
/// along the shift; pinning one class at 0 gives the identifiable
/// (K−1)·(in+1) one, and for K = 2 that is exactly the logistic head
/// (f = z₁ − z₀). The MLP has no pinned-class option, and the logistic head
/// is it for K = 2 at no cost. Data: 3 inputs, truth w = (1.5, −1, 0.5),
/// b = 0.3, labels drawn from the class probabilities (separated but noisy).
/// Measured λ̂ = 1.950 ± 0.034 (MCSE) at seed 1, 2.5% below d/2 = 2; the 10%
/// tolerance is 3 times that gap.
///
/// Settings as NetworkLLCAccuracyTests: MALA ε = 3e-4 full batch, γ = 1,
/// nβ = n/log n, 4 chains × 2000 draws, thin 10, burn-in 500, w* = the local
/// minimum reached by gradient descent from the truth (`StartPoint.optimized`).
@Suite struct WeightsAccuracyTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func estimate(_ json: String, seed: UInt64) async throws -> LLCEstimate {
        let experiment = try ExperimentSpec.decode(Data(json.utf8)).build(baseDirectory: Self.fixtures)
        var settings = ChainSettings()
        settings.chains = 4; settings.draws = 2000; settings.thin = 10; settings.burnIn = 500
        settings.seed = seed
        let request = LLCRequest(sampler: SamplerConfiguration(kind: .mala, stepSize: 3e-4), localization: 1, prior: experiment.prior,
                                 start: .truth(of: experiment).optimized(), settings: settings)
        let report = try await experiment.model.accept(LLCRun(request: request, title: "test"))
        #expect(report.estimate.divergences.isEmpty)
        return report.estimate
    }

    static func dln(_ truth: String, n: Int = 10_000) -> String {
        #"{"model": {"kind": "deepLinearNetwork", "widths": [4, 2, 4, 4]}, "truth": \#(truth), "data": {"kind": "synthetic", "n": \#(n), "seed": 1}, "prior": {"kind": "flat"}}"#
    }

    @Test func deepLinearNetworkFromFiles() async throws {
        let a = try await estimate(Self.dln(#"{"file": "dln-4-2-4-4-rank-1.safetensors"}"#), seed: 1)
        let b = try await estimate(Self.dln(#"{"file": "dln-4-2-4-4-rank-1.npz"}"#), seed: 1)
        let numbers = try WeightsFileTests.fixtureParameters().map { "\($0)" }.joined(separator: ", ")
        let c = try await estimate(Self.dln(#"{"parameters": [\#(numbers)]}"#), seed: 1)
        #expect(a.llcMean == b.llcMean)
        #expect(a.llcMean == c.llcMean)

        // λ from the nβ sweep at n = 10⁶, within the DLN fixtures' tolerance.
        let experiment = try ExperimentSpec.decode(Data(Self.dln(#"{"file": "dln-4-2-4-4-rank-1.safetensors"}"#, n: 1_000_000).utf8))
            .build(baseDirectory: Self.fixtures)
        var settings = ChainSettings()
        settings.chains = 4; settings.draws = 2000; settings.thin = 10; settings.burnIn = 500; settings.seed = 1
        let request = LLCRequest(sampler: SamplerConfiguration(kind: .mala, stepSize: 3e-3), localization: 1, prior: experiment.prior,
                                 start: .truth(of: experiment).optimized(), settings: settings)
        let fit = try await experiment.model.accept(NBetaSweepRun(request: request, nbetas: try NBetaSweep.grid(lower: 100, upper: 7e4, count: 7)))
        #expect(abs(fit.lambda - 5) <= 0.5, "λ = \(fit.lambda) ± \(fit.lambdaError)")
    }

    @Test func logisticRegressionAtItsMLE() async throws {
        let spec = """
            {"model": {"kind": "mlp", "widths": [3, 1], "head": "logistic"},
             "truth": {"parameters": [1.5, -1, 0.5, 0.3]}, "data": {"kind": "synthetic", "n": 10000, "seed": 1},
             "prior": {"kind": "flat"}}
            """
        let e = try await estimate(spec, seed: 1)
        #expect(abs(e.llcMean - 2) / 2 <= 0.1, "λ̂ = \(e.llcMean) ± \(e.llcMCSE)")
    }

    /// (c) Softmax regression with K = 3 classes at its MLE, in the pinned
    /// parametrisation (`pinnedSoftmax`: the last class's logit fixed at 0).
    /// Why pinned: the full K-logit softmax is invariant under adding one
    /// vector to every class's (W, b), so its K·(in+1) parameters have a
    /// flat direction and the full parametrisation is not identifiable;
    /// fixing one class removes exactly that direction, leaving the regular
    /// (K−1)·(in+1) = 6 parameters, λ = d/2 = 3. Data: 2 inputs, truth
    /// W = [[1.5, −1], [−0.5, 1.2]], b = (0.3, −0.2) for the free classes
    /// (logits of size ~2 against the pinned 0: separated, but every class
    /// keeps a visible share of the others' regions), labels drawn from the
    /// class probabilities. Measured λ̂ = 2.983 ± 0.062 (MCSE) at seed 1 with
    /// these settings (`rlct llc --spec <this spec> --sampler mala
    /// --step-size 3e-4 --chains 4 --draws 2000 --thin 10 --burn-in 500
    /// --seed 1 --optimize-center --no-cross-check --target-mcse 0`; chains
    /// 2.959, 2.952, 2.949, 3.073), 0.6% below d/2 = 3; the 10% tolerance
    /// (0.3) is about 5 MCSE.
    @Test func pinnedSoftmaxRegressionAtItsMLE() async throws {
        let spec = """
            {"model": {"kind": "mlp", "widths": [2, 2], "head": "pinnedSoftmax"},
             "truth": {"parameters": [1.5, -1, -0.5, 1.2, 0.3, -0.2]}, "data": {"kind": "synthetic", "n": 10000, "seed": 1},
             "prior": {"kind": "flat"}}
            """
        let e = try await estimate(spec, seed: 1)
        #expect(abs(e.llcMean - 3) / 3 <= 0.1, "λ̂ = \(e.llcMean) ± \(e.llcMCSE)")
    }
}
