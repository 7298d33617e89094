import Dynamics
import Foundation
import GSL
import Models
import Testing

/// The optimizers against updates computed by hand, and the training loop on a small network.
@Suite struct TrainingTests {
    func step(_ w: inout [Double], _ g: [Double], _ body: (UnsafeMutableBufferPointer<Double>, UnsafeBufferPointer<Double>) -> Void) {
        w.withUnsafeMutableBufferPointer { wp in g.withUnsafeBufferPointer { body(wp, $0) } }
    }

    @Test func sgdWithMomentumMatchesHandComputedSteps() {
        var sgd = SGDOptimizer(dimension: 2, learningRate: 0.1, momentum: 0.9)
        var w = [1.0, -2.0]
        step(&w, [0.5, 1.0]) { sgd.step($0, gradient: $1) }
        // v = g = (0.5, 1); w = (1 − 0.05, −2 − 0.1)
        #expect(w == [0.95, -2.1])
        step(&w, [1.0, -1.0]) { sgd.step($0, gradient: $1) }
        // v = 0.9·(0.5, 1) + (1, −1) = (1.45, −0.1); w = (0.95 − 0.145, −2.1 + 0.01)
        #expect(abs(w[0] - 0.805) < 1e-15 && abs(w[1] - (-2.09)) < 1e-15)
        var plain = SGDOptimizer(dimension: 1, learningRate: 0.5)
        var x = [2.0]
        step(&x, [3.0]) { plain.step($0, gradient: $1) }
        #expect(x == [0.5])
    }

    @Test func adamMatchesHandComputedSteps() {
        var adam = AdamOptimizer(dimension: 1, learningRate: 0.01)
        var w = [1.0]
        // Step 1: m = 0.1·g, v = 0.001·g²; m̂ = g, v̂ = g², so the step is η·g/(|g| + ε) ≈ η·sign(g).
        step(&w, [4.0]) { adam.step($0, gradient: $1) }
        #expect(abs(w[0] - (1 - 0.01 * 4 / (4 + 1e-8))) < 1e-15)
        // Step 2 with g = −2: m = 0.9·0.4 − 0.2 = 0.16, v = 0.999·0.016 + 0.001·4 = 0.019984;
        // m̂ = 0.16/0.19, v̂ = 0.019984/0.001999.
        step(&w, [-2.0]) { adam.step($0, gradient: $1) }
        let mHat = 0.16 / (1 - 0.81), vHat = 0.019984 / (1 - 0.998001)
        let expected = 1 - 0.01 * 4 / (4 + 1e-8) - 0.01 * mHat / (vHat.squareRoot() + 1e-8)
        #expect(abs(w[0] - expected) < 1e-12)
        #expect(adam.stepCount == 2)
    }

    static func network() throws -> MLP {
        let data = try Dataset.synthetic(inputDimension: 2, outputDimension: 1, count: 200, inputs: .normal(mean: 0, sd: 1), noise: 0.1, seed: 3) { x, y in
            y[0] = sin(2 * x[0]) + 0.5 * x[1]
        }
        return try MLP(widths: [2, 8, 1], activations: [.tanh], head: .gaussian(GaussianNoise(sigma: 0.1)), data: data)
    }

    @Test(arguments: [Training.Method.sgd, .adam])
    func trainingLowersTheLossDeterministically(_ method: Training.Method) throws {
        let mlp = try Self.network()
        let w0 = mlp.pytorchInitialization(rng: RandomStream(seed: 5, stream: 0))
        // PyTorch's bound 1/√fan_in: 1/√2 for the first layer, 1/√8 for the second.
        #expect(w0[0..<24].allSatisfy { abs($0) <= 1 / 2.0.squareRoot() } && w0[24...].allSatisfy { abs($0) <= 1 / 8.0.squareRoot() })
        let training = Training(steps: 400, learningRate: method == .adam ? 0.01 : 0.002, method: method,
                                momentum: method == .sgd ? 0.9 : 0, batchSize: 20, checkpointEvery: 100, seed: 5)
        var first: [Training.Checkpoint] = []
        try training.run(mlp, from: w0) { first.append($0) }
        #expect(first.map(\.step) == [0, 100, 200, 300, 400])
        #expect(first[0].runningLoss == nil && first[1].runningLoss != nil)
        // The loss at σ = 0.1 starts near 50 (|y|²/2σ²) and falls by far more than half in 400 steps (measured: below 10).
        #expect(first.last!.loss < 0.5 * first[0].loss, "\(first.map(\.loss))")
        var second: [Training.Checkpoint] = []
        try training.run(mlp, from: w0) { second.append($0) }
        #expect(second.map(\.parameters) == first.map(\.parameters))
    }

    @Test func badSettingsNameTheField() throws {
        let mlp = try Self.network()
        let w0 = [Double](repeating: 0, count: mlp.dimension)
        for (training, field) in [
            (Training(steps: 10, learningRate: -1, batchSize: 10, checkpointEvery: 5, seed: 1), "lr"),
            (Training(steps: 10, learningRate: 0.1, batchSize: 201, checkpointEvery: 5, seed: 1), "batch"),
            (Training(steps: 10, learningRate: 0.1, batchSize: 10, checkpointEvery: 0, seed: 1), "checkpointEvery"),
            (Training(steps: 0, learningRate: 0.1, batchSize: 10, checkpointEvery: 5, seed: 1), "steps"),
        ] {
            #expect(throws: DynamicsError.self) { try training.run(mlp, from: w0.map { _ in 0.3 }) { _ in } }
            do { try training.run(mlp, from: w0.map { _ in 0.3 }) { _ in } } catch let e as DynamicsError { #expect(e.field == field) }
        }
    }
}
