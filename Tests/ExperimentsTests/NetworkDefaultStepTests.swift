import Estimators
import Foundation
import Models
import Sampling
import Testing
@testable import Experiments

/// The default step of `rlct llc --spec` on the 5.5k-parameter ReLU MLP of
/// Examples/model-mlp-20-64-64-1.json: the same spec at n = 3000 (still above
/// `RunConfiguration.largeDataThreshold`, so the network defaults apply:
/// batch 100, SGLD, the evaluation subset, the pilot below the curvature
/// bound), with 200 draws and no precision target or cross-check to keep it
/// short; the pilot's own settings (2 chains × 100 draws) are those of the
/// full run. Before the curvature bound the ladder started at 10/nβ ≈ 0.027,
/// far above 2/λmax(∇²U) (at n = 10⁴, 4·10⁵ times above it: λmax(∇²L_n) =
/// 7.852e+04 at w*, docs/your-network.md).
@Suite struct NetworkDefaultStepTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples").standardized

    /// Every shipped network example with no sampler flags: a full-batch
    /// run only where one full-data gradient is cheap (n·d ≤ 500,000 and
    /// n ≤ 2000), else minibatches of 100 with SGLD. The cost of the default
    /// run is 4 × 20,500 steps of the chosen gradient: full batch on
    /// Examples/model-mlp.json (n = 2000, d = 353) took over 150 CPU seconds;
    /// minibatched it took 34. (A count of work, not a time: the bound below
    /// is on multiply-adds per step, which a broken rule would exceed.)
    @Test func everyNetworkExampleGetsAnAffordableDefault() throws {
        let names = ["model-mlp.json", "model-mlp-20-64-64-1.json", "model-mlp-classifier.json", "model-reluNetwork.json",
                     "model-tanhNetwork.json", "iris-mlp.json"]
        for name in names {
            let experiment = try ExperimentSpec.load(path: Self.examples.appendingPathComponent(name).path).build(baseDirectory: Self.examples)
            let model = experiment.model
            #expect(model.isNetwork, "\(name)")
            let c = try RunConfiguration.resolve(for: .llc, spec: experiment.spec, flags: SamplerOverrides(), model: model)
            let large = RunConfiguration.isLargeNetworkData(n: model.sampleCount, dimension: model.dimension)
            #expect(large == (c.sampler.kind == .sgld), "\(name): \(c.sampler.kind)")
            if large {
                #expect(c.settings.batchSize == RunConfiguration.defaultNetworkBatch, "\(name)")
            } else {
                #expect(c.settings.batchSize == nil && model.sampleCount * model.dimension <= RunConfiguration.largeGradientCost, "\(name)")
            }
        }
        let mlp = try ExperimentSpec.load(path: Self.examples.appendingPathComponent("model-mlp.json").path).build()
        #expect(mlp.model.sampleCount == 2000 && RunConfiguration.isLargeNetworkData(n: 2000, dimension: mlp.model.dimension))
        #expect(!RunConfiguration.isLargeNetworkData(n: 2000, dimension: 100) && RunConfiguration.isLargeNetworkData(n: 2001, dimension: 1))
        #expect(RunConfiguration.isLargeNetworkData(n: Int.max / 2, dimension: 3))
    }

    @Test func defaultStepOfTheLargeMLPDoesNotDiverge() async throws {
        var spec = try ExperimentSpec.load(path: Self.examples.appendingPathComponent("model-mlp-20-64-64-1.json").path)
        guard case let .synthetic(_, seed, inputs, noise) = spec.data else { Issue.record("not synthetic data"); return }
        spec.data = .synthetic(n: 3000, seed: seed, inputs: inputs, noise: noise)
        let experiment = try spec.build()
        var flags = SamplerOverrides()
        flags.draws = 200
        flags.targetMCSE = 0
        flags.crossCheck = false
        let configuration = try RunConfiguration.resolve(for: .llc, spec: experiment.spec, flags: flags, model: experiment.model)
        #expect(configuration.sampler.kind == .sgld && configuration.stepSize == .auto)
        #expect(configuration.settings.batchSize == RunConfiguration.defaultNetworkBatch)
        let request = LLCRequest(configuration, prior: experiment.prior, start: .truth(of: experiment))
        let report = try await experiment.model.accept(LLCRun(request: request, title: "test"))
        let pilot = try #require(report.pilot)
        let curvature = try #require(pilot.curvature)
        // The ladder starts at or below 2/λmax(∇²U) and the pick is a rung the pilot found usable.
        #expect(pilot.trials[0].stepSize <= StepSizePilot.curvatureFactor / curvature.potential)
        #expect(pilot.trials.contains { $0.usable && $0.stepSize == pilot.stepSize }, "\(pilot.trials)")
        #expect(report.estimate.divergences.isEmpty, "\(report.estimate.divergences)")
        #expect(report.estimate.llcMean.isFinite && report.estimate.llcMean > 0)
    }
}
