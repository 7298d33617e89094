import Foundation
import Models
import Testing
@testable import Estimators
@testable import Experiments

/// Volume scaling of a data model's population loss K = L − L(w0) (closed form on synthetic data),
/// where the empirical L_n − L_n(w*) is noise below ε ≈ 1/n.
@Suite struct PopulationVolumeTests {
    func regression(_ q: String) throws -> Experiment {
        try CommandLineModel.spec(polynomial: nil, q: q, prior: nil, n: 10_000, seed: 1).build()
    }

    /// y = a·b·x, truth 0: K = (ab)²/2 (E[x²] = σ = 1), λ = 1/2 with m = 2, as for the potential (w1·w2)²,
    /// whose volume fit gives 0.4907 and m̂ 1.73 over ε ∈ [1e-10, 1e-2] (VolumeScalingTests): the same here.
    @Test func singularRegressionRecoversLambdaAndMultiplicity() async throws {
        let experiment = try regression("a*b")
        var run = VolumeRun(prior: experiment.prior, localRadius: nil, center: [:],
                            epsilons: VolumeScaling.grid(minimum: 1e-10, maximum: 1e-2, count: 25), method: nil, seed: 1)
        // The empirical loss dips below L_n(0) on the valley ab = ĉ: refused, with the reason.
        await #expect(throws: SpecificationError.self) { try await experiment.model.accept(run) }
        run.population = true
        let r = try await experiment.model.accept(run)
        #expect(abs(r.lambda - 0.5) < 0.05 * 0.5, "λ̂ = \(r.lambda)")
        #expect(r.multiplicityRounded == 2, "m̂ = \(r.multiplicity)")
    }

    /// A regular model: y = w·x + b, K a positive-definite quadratic, λ = d/2 = 1 exactly in the limit.
    @Test func regularRegressionGivesHalfTheDimension() async throws {
        let spec = try ComparisonSpec.load(path: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/singular-vs-regular.json").standardized.path)
        let linear = try #require(spec.models.first { $0.model.kind == "linearRegression" })
        let experiment = try linear.build()
        var run = VolumeRun(prior: experiment.prior, localRadius: nil, center: [:],
                            epsilons: VolumeScaling.grid(minimum: 1e-10, maximum: 1e-2, count: 25), method: nil, seed: 1)
        run.population = true
        let r = try await experiment.model.accept(run)
        #expect(abs(r.lambda - 1) < 1e-6 && r.multiplicityRounded == 1, "λ̂ = \(r.lambda), m̂ = \(r.multiplicity)")
    }

    /// K's central-difference gradient against the closed form ∇K = ab·(b, a) at (0.3, −0.7).
    @Test func gradientOfThePopulationLoss() throws {
        guard case let .polynomialRegression(model) = try regression("a*b").model else { Issue.record("not a regression"); return }
        let k = try PopulationLossModel(model)
        var workspace = k.makeWorkspace(maxBatchSize: 1)
        var gradient = [0.0, 0.0]
        let w = [0.3, -0.7]
        let value = w.withUnsafeBufferPointer { p in
            gradient.withUnsafeMutableBufferPointer { k.lossAndGradient(p, gradient: $0, workspace: &workspace) }
        }
        let ab = 0.3 * -0.7
        #expect(abs(value - ab * ab / 2) < 1e-12)
        #expect(abs(gradient[0] - ab * -0.7) < 1e-8 && abs(gradient[1] - ab * 0.3) < 1e-8)
    }

    /// A model without a closed-form K is refused by name.
    @Test func tanhNetworkHasNoPopulationLoss() async throws {
        let spec = try ExperimentSpec.decode(Data(#"{"model": {"kind": "tanhNetwork", "inputs": 1, "outputs": 1, "hidden": 1}, "data": {"kind": "synthetic", "n": 100}}"#.utf8))
        let experiment = try spec.build()
        var run = VolumeRun(prior: experiment.prior, localRadius: nil, center: [:],
                            epsilons: VolumeScaling.grid(minimum: 1e-6, maximum: 1e-2, count: 5), method: nil, seed: 1)
        run.population = true
        await #expect(throws: SpecError.self) { try await experiment.model.accept(run) }
    }
}
