import Dynamics
import Estimators
import Foundation
import GSL
import Models
import Reports
import Sampling
import TensorFiles
import Testing
@testable import Experiments

/// Checkpoints of a trained network: written and read back through the one
/// name mapping (`Experiment+Weights.swift`), the LLC curve over them, and
/// the report of `--optimize-center`.
@Suite struct TrainingCheckpointTests {
    static let spec = """
        {"name": "tiny", "model": {"kind": "mlp", "widths": [2, 4, 1], "activations": "tanh", "sigma": 0.5},
         "truth": {"widths": [2, 2, 1], "seed": 3}, "data": {"kind": "synthetic", "n": 300, "seed": 4}, "prior": {"kind": "normal", "sigma": 5}}
        """

    func experiment() throws -> Experiment { try ExperimentSpec.decode(Data(Self.spec.utf8)).build() }

    func trained(_ experiment: Experiment, every: Int = 100) throws -> [Training.Checkpoint] {
        guard case let .mlp(mlp) = experiment.model else { Issue.record("not an MLP"); return [] }
        let w0 = mlp.pytorchInitialization(rng: RandomStream(seed: 2, stream: 0))
        var out: [Training.Checkpoint] = []
        try Training(steps: 300, learningRate: 0.02, method: .adam, batchSize: 30, checkpointEvery: every, seed: 2)
            .run(mlp, from: w0) { out.append($0) }
        return out
    }

    @Test func checkpointsRoundTripByName() throws {
        let experiment = try experiment()
        #expect(try experiment.weightLayers().map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        #expect(try experiment.weightLayers().map(\.shape) == [[4, 2], [4], [1, 4], [1]])
        for checkpoint in try trained(experiment) {
            let data = try TensorFile.encodeSafetensors(experiment.tensors(of: checkpoint.parameters),
                                                        metadata: ["step": "\(checkpoint.step)"], source: "ckpt")
            let file = try TensorFile.decode(data, source: "ckpt")
            #expect(file.metadata["step"] == "\(checkpoint.step)")
            #expect(try experiment.parameters(from: file) == checkpoint.parameters)
        }
    }

    @Test func wrongShapeNamesTheTensor() throws {
        let experiment = try experiment()
        let bad = TensorFile(source: "bad.safetensors", format: .safetensors, tensors: [
            Tensor(name: "0.weight", shape: [4, 3], values: [Double](repeating: 0, count: 12)),
            Tensor(name: "0.bias", shape: [4], values: [0, 0, 0, 0]),
            Tensor(name: "2.weight", shape: [1, 4], values: [0, 0, 0, 0]),
            Tensor(name: "2.bias", shape: [1], values: [0]),
        ])
        #expect(throws: TensorFileError.self) { try experiment.parameters(from: bad) }
    }

    func curve(_ experiment: Experiment, _ checkpoints: [Training.Checkpoint], maxConcurrency: Int?, optimize: Bool = false) async throws -> LLCCurve {
        var settings = ChainSettings()
        settings.chains = 2; settings.draws = 300; settings.burnIn = 100; settings.seed = 9
        let request = LLCRequest(sampler: SamplerConfiguration(kind: .mala, stepSize: 1e-3), prior: experiment.prior,
                                 start: StartPoint(origin: .parameters([])).optimized(optimize), settings: settings)
        let run = LLCCurveRun(checkpoints: checkpoints.map { .init(step: $0.step, trainLoss: $0.loss, parameters: $0.parameters, source: "step \($0.step)") },
                              request: request, title: "curve", maxConcurrency: maxConcurrency)
        return try await experiment.model.accept(run)
    }

    /// One row per checkpoint, in step order, the same numbers whether the
    /// checkpoints run one at a time or all at once.
    @Test func curveHasOneRowPerCheckpointWhateverTheConcurrency() async throws {
        let experiment = try experiment()
        let checkpoints = try trained(experiment)
        let serial = try await curve(experiment, checkpoints, maxConcurrency: 1)
        let parallel = try await curve(experiment, checkpoints, maxConcurrency: 4)
        #expect(serial.rows.map(\.step) == [0, 100, 200, 300])
        #expect(serial.rows.map(\.report.estimate.llcMean) == parallel.rows.map(\.report.estimate.llcMean))
        #expect(serial.rows.map(\.report.estimate.llcMCSE) == parallel.rows.map(\.report.estimate.llcMCSE))
        #expect(serial.rows.map(\.report.estimate.chains) == parallel.rows.map(\.report.estimate.chains))
        // Each estimate is centred at its own checkpoint: L_n(w*) is the checkpoint's train loss.
        for (row, c) in zip(serial.rows, checkpoints) { #expect(abs(row.report.estimate.lossAtCenter - c.loss) <= 1e-12 * max(1, abs(c.loss))) }
        #expect(serial.table.rows.count == 4)
        let csvLines = serial.csv().split(separator: "\n")
        #expect(csvLines.count == 5 && csvLines[0].hasPrefix("step,file,train_loss"))
        let svg = serial.plot().renderSVG()
        #expect(svg.contains("second-axis") && svg.contains("train loss (right axis)"))
        let json = try JSONOutput.string(LLCCurveJSON(serial, version: "test"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rows = try #require(object["checkpoints"] as? [[String: Any]])
        #expect(rows.count == 4 && rows[1]["step"] as? Int == 100 && rows[1]["llc_mean"] is Double)
    }

    /// Gradient descent from a checkpoint of an unfinished training run
    /// lowers |∇L_n| and says how far it moved w*.
    @Test func optimizeCenterReportsTheGradientBeforeAndAfter() async throws {
        let experiment = try experiment()
        let checkpoints = Array(try trained(experiment).suffix(1))
        let curve = try await curve(experiment, checkpoints, maxConcurrency: 1, optimize: true)
        let move = try #require(curve.rows[0].report.centerMove)
        #expect(move.gradientNormAfter < move.gradientNormBefore)
        #expect(move.lossAfter <= move.lossBefore)
        #expect(move.distance > 0)
        #expect(curve.rows[0].report.renderText().contains("optimize-center: w* moved"))
        let json = try JSONOutput.string(LLCJSON(curve.rows[0].report, version: "test"))
        #expect(json.contains("\"gradient_norm_before\""))
    }
}
