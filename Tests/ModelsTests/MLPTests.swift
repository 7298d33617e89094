import Foundation
import GSL
import Testing
@testable import Models

/// A random MLP of each head on synthetic data, evaluated at random points.
struct MLPCase: CustomStringConvertible, Sendable {
    let activation: MLP.Activation
    let head: String
    let biases: Bool

    var description: String { "\(activation) \(head)\(biases ? "" : " no biases")" }

    static let all: [MLPCase] = MLP.Activation.allCases.flatMap { a in
        ["gaussian", "softmax", "logistic", "pinnedSoftmax"].flatMap { h in [true, false].map { MLPCase(activation: a, head: h, biases: $0) } }
    }

    /// Widths [3, 5, 4, K] (K = 2 gaussian outputs, 3 classes, 1 logistic unit,
    /// 2 free logits of 3 pinned-softmax classes),
    /// the activation in both hidden layers, n = 300 samples (more than one
    /// 256-row chunk of the full-data pass) drawn at a random truth.
    func model(seed: UInt64) throws -> MLP {
        let k = head == "gaussian" ? 2 : head == "softmax" ? 3 : head == "pinnedSoftmax" ? 2 : 1
        let h: MLP.Head = head == "gaussian" ? .gaussian(GaussianNoise(sigma: 0.7))
            : head == "softmax" ? .softmax : head == "pinnedSoftmax" ? .pinnedSoftmax : .logistic
        let bare = try MLP(widths: [3, 5, 4, k], activations: [activation, activation], biases: biases, head: h)
        let rng = RandomStream(seed: seed)
        let truth = (0..<bare.dimension).map { _ in rng.gaussian() }
        return try bare.withSyntheticData(truth: truth, count: 300, seed: seed + 100)
    }
}

/// max |a_i − b_i| / max(max |b_i|, 1e-300).
func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    let scale = max(b.map(abs).max() ?? 0, 1e-300)
    return zip(a, b).map { abs($0 - $1) }.max()! / scale
}

func batched(_ model: MLP, _ w: [Double], batch: [Int]?, maxBatchSize: Int = 64) -> (Double, [Double]) {
    var ws = model.makeWorkspace(maxBatchSize: maxBatchSize)
    var g = [Double](repeating: .nan, count: model.dimension)
    let loss = w.withUnsafeBufferPointer { wp in
        g.withUnsafeMutableBufferPointer { gp in
            if let batch {
                return batch.withUnsafeBufferPointer { model.batchLossAndGradient(wp, batch: $0, gradient: gp, workspace: &ws) }
            }
            return model.lossAndGradient(wp, gradient: gp, workspace: &ws)
        }
    }
    return (loss, g)
}

@Suite struct MLPTests {
    /// The BLAS kernels against the per-sample loops, full data (two chunks)
    /// and a minibatch of 37 indices (with a repeat), at three random points.
    /// Both sum the same terms in different orders: 1e-12 relative.
    @Test(arguments: MLPCase.all)
    func batchedKernelMatchesReference(_ c: MLPCase) throws {
        let model = try c.model(seed: 5)
        let rng = RandomStream(seed: 9)
        let batch = (0..<36).map { _ in rng.uniformInt(below: 300) } + [7]
        for _ in 0..<3 {
            let w = (0..<model.dimension).map { _ in rng.gaussian() }
            for indices in [nil, batch] {
                let (loss, g) = batched(model, w, batch: indices)
                let (refLoss, refG) = model.referenceLossAndGradient(w, indices: indices ?? Array(0..<300))
                #expect(abs(loss - refLoss) <= 1e-12 * abs(refLoss), "\(c) loss \(loss) vs \(refLoss)")
                #expect(relativeError(g, refG) <= 1e-12, "\(c) gradient")
            }
            // The loss without gradient and the per-sample log-likelihoods agree with it.
            var ws = model.makeWorkspace(maxBatchSize: 10)
            var ll = [Double](repeating: 0, count: 300)
            let full = w.withUnsafeBufferPointer { wp in
                ll.withUnsafeMutableBufferPointer { model.logLikelihoods(wp, into: $0, workspace: &ws) }
                return model.loss(wp, workspace: &ws)
            }
            let (withGradient, _) = batched(model, w, batch: nil)
            #expect(full == withGradient)
            #expect(abs(-ll.reduce(0, +) / 300 - full) <= 1e-12 * abs(full))
        }
    }

    /// A minibatch larger than the workspace's chunk is done in chunks and
    /// still agrees with the reference.
    @Test func batchLargerThanOneChunk() throws {
        let model = try MLPCase(activation: .gelu, head: "softmax", biases: true).model(seed: 6)
        let big = try MLP(widths: model.widths, activations: model.activations, biases: true, head: .softmax)
            .withData(Dataset(inputs: Array(repeating: model.data.inputs, count: 20).flatMap { $0 },
                              outputs: Array(repeating: model.data.outputs, count: 20).flatMap { $0 },
                              inputDimension: 3, outputDimension: 1), truth: nil)
        let rng = RandomStream(seed: 2)
        let batch = (0..<5000).map { _ in rng.uniformInt(below: big.sampleCount) }
        let w = (0..<big.dimension).map { _ in rng.gaussian() }
        let (loss, g) = batched(big, w, batch: batch, maxBatchSize: 5000)
        #expect(big.makeWorkspace(maxBatchSize: 5000).rows == 4096)
        let (refLoss, refG) = big.referenceLossAndGradient(w, indices: batch)
        #expect(abs(loss - refLoss) <= 1e-12 * abs(refLoss))
        #expect(relativeError(g, refG) <= 1e-12)
    }

    /// ∇L_n against central differences (h = 1e-5; truncation error ~h² ≈ 1e-10
    /// times third derivatives of order 1, rounding ~1e-16/h ≈ 1e-11): 1e-7
    /// relative. For relu the points are random, so no sample sits within h
    /// of a kink (checked: the loss is smooth there to this tolerance).
    @Test(arguments: MLPCase.all.filter(\.biases))
    func gradientMatchesFiniteDifferences(_ c: MLPCase) throws {
        let model = try c.model(seed: 7)
        let rng = RandomStream(seed: 11)
        let w = (0..<model.dimension).map { _ in 0.8 * rng.gaussian() }
        let (_, g) = batched(model, w, batch: nil)
        var ws = model.makeWorkspace(maxBatchSize: 1)
        func loss(_ v: [Double]) -> Double { v.withUnsafeBufferPointer { model.loss($0, workspace: &ws) } }
        let h = 1e-5
        let numeric = (0..<model.dimension).map { j -> Double in
            var up = w, down = w
            up[j] += h
            down[j] -= h
            return (loss(up) - loss(down)) / (2 * h)
        }
        #expect(relativeError(g, numeric) <= 1e-7, "\(c)")
    }

    /// Softmax, by hand: widths [1, 3], W = (1, 2, 3)ᵀ, b = 0. x = 1, y = 2
    /// gives logits (1, 2, 3) and −log p = log(1 + e^−1 + e^−2); x = 0, y = 1
    /// gives equal logits and −log p = log 3.
    @Test func softmaxByHand() throws {
        let data = try Dataset(inputs: [1, 0], outputs: [2, 1], inputDimension: 1, outputDimension: 1)
        let model = try MLP(widths: [1, 3], activations: [], head: .softmax, data: data)
        let (loss, g) = batched(model, [1, 2, 3, 0, 0, 0], batch: nil)
        let expected = (Foundation.log(1.0 + Foundation.exp(-1.0) + Foundation.exp(-2.0)) + Foundation.log(3.0)) / 2
        #expect(abs(loss - expected) <= 1e-15)
        #expect(abs(loss - 0.7531091265562451) <= 1e-14)
        // ∂/∂b_c = mean(p_c − 1[y = c]); sample 2 has p = 1/3 each.
        let z = Foundation.exp(1.0) + Foundation.exp(2.0) + Foundation.exp(3.0)
        let gb = [(Foundation.exp(1.0) / z + 1.0 / 3) / 2, (Foundation.exp(2.0) / z + 1.0 / 3 - 1) / 2, (Foundation.exp(3.0) / z - 1 + 1.0 / 3) / 2]
        #expect(relativeError(Array(g[3...]), gb) <= 1e-14)
    }

    /// Logistic, by hand: widths [1, 1], w = 2, b = −1. x = 1, y = 1: z = 1,
    /// −log σ(1) = log(1 + e^−1); x = −1, y = 0: z = −3, −log(1 − σ(−3)) = log(1 + e^−3).
    /// A logit of ±800 stays finite: −log σ(−800) = 800.
    @Test func logisticByHand() throws {
        let data = try Dataset(inputs: [1, -1], outputs: [1, 0], inputDimension: 1, outputDimension: 1)
        let model = try MLP(widths: [1, 1], activations: [], head: .logistic, data: data)
        let (loss, _) = batched(model, [2, -1], batch: nil)
        #expect(abs(loss - (Foundation.log1p(Foundation.exp(-1.0)) + Foundation.log1p(Foundation.exp(-3.0))) / 2) <= 1e-15)
        #expect(abs(loss - 0.18092451954598246) <= 1e-14)
        let far = try model.withData(Dataset(inputs: [1], outputs: [0], inputDimension: 1, outputDimension: 1), truth: nil)
        let (big, gBig) = batched(far, [800, 0], batch: nil)
        #expect(big == 800)
        #expect(gBig == [1, 1])
        let softmaxFar = try MLP(widths: [1, 2], activations: [], head: .softmax,
                                 data: Dataset(inputs: [1], outputs: [0], inputDimension: 1, outputDimension: 1))
        let (s, _) = batched(softmaxFar, [-400, 400, 0, 0], batch: nil)
        #expect(s == 800)
    }

    /// The pinned softmax is the full softmax with the last class's weights
    /// and bias at 0 (same loss, the free classes' gradient), and with two
    /// classes the logistic head with f negated (p(y = 0) = σ(f)).
    @Test func pinnedSoftmaxIsSoftmaxWithALastClassAtZero() throws {
        let rng = RandomStream(seed: 3)
        let n = 40
        let x = (0..<(2 * n)).map { _ in rng.gaussian() }
        let labels3 = (0..<n).map { _ in Double(rng.uniformInt(below: 3)) }
        let labels2 = labels3.map { $0 == 2 ? 1 : $0 }
        let data3 = try Dataset(inputs: x, outputs: labels3, inputDimension: 2, outputDimension: 1)
        let data2 = try Dataset(inputs: x, outputs: labels2, inputDimension: 2, outputDimension: 1)
        // Layout: W (rows = classes, 2 columns), then b.
        let pinned = try MLP(widths: [2, 2], activations: [], head: .pinnedSoftmax, data: data3)
        let full = try MLP(widths: [2, 3], activations: [], head: .softmax, data: data3)
        #expect(pinned.classCount == 3 && pinned.dimension == 6)
        let w = [0.7, -1.2, 0.4, 0.9, 0.3, -0.5]
        let (lp, gp) = batched(pinned, w, batch: nil)
        let (lf, gf) = batched(full, [0.7, -1.2, 0.4, 0.9, 0, 0, 0.3, -0.5, 0], batch: nil)
        #expect(abs(lp - lf) <= 1e-14 * abs(lf))
        let free = [gf[0], gf[1], gf[2], gf[3], gf[6], gf[7]]
        #expect(relativeError(gp, free) <= 1e-14)

        let pinned2 = try MLP(widths: [2, 1], activations: [], head: .pinnedSoftmax, data: data2)
        let logistic = try MLP(widths: [2, 1], activations: [], head: .logistic, data: data2)
        let v = [0.8, -0.6, 0.25]
        let (l2, g2) = batched(pinned2, v, batch: nil)
        let (ll, gl) = batched(logistic, v.map { -$0 }, batch: nil)
        #expect(abs(l2 - ll) <= 1e-14 * abs(ll))
        #expect(relativeError(g2, gl.map { -$0 }) <= 1e-14)

        let bad = try Dataset(inputs: [1, 2], outputs: [0, 3], inputDimension: 1, outputDimension: 1)
        #expect(throws: DatasetError.shape("sample 2: a pinnedSoftmax head expects a class label 0…2, got 3.0")) {
            try MLP(widths: [1, 2], activations: [], head: .pinnedSoftmax, data: bad)
        }
    }

    /// Bad labels and shapes name the sample or setting.
    @Test func badLabelsAndShapes() throws {
        let bad = try Dataset(inputs: [1, 2], outputs: [0, 2.5], inputDimension: 1, outputDimension: 1)
        #expect(throws: DatasetError.shape("sample 2: a softmax head expects a class label 0…2, got 2.5")) {
            try MLP(widths: [1, 3], activations: [], head: .softmax, data: bad)
        }
        #expect(throws: ModelError("head: a logistic head needs exactly 1 output unit, got 2")) {
            try MLP(widths: [1, 2], activations: [], head: .logistic)
        }
        #expect(throws: ModelError("activations: expected one per hidden layer (2), got 1")) {
            try MLP(widths: [1, 4, 4, 1], activations: [.relu])
        }
    }

    /// Synthetic labels follow the truth's class probabilities: with logits
    /// (0, log 3) for every x (zero weights, biases), class 1 has p = 3/4; in
    /// 4000 draws the count's standard deviation is √(4000·3/16) ≈ 27, so ±5σ.
    @Test func syntheticLabelsFollowProbabilities() throws {
        let model = try MLP(widths: [2, 2], activations: [], head: .softmax)
        let data = try model.withSyntheticData(truth: [0, 0, 0, 0, 0, Foundation.log(3.0)], count: 4000, seed: 3).data
        let ones = data.outputs.filter { $0 == 1 }.count
        #expect(abs(Double(ones) - 3000) < 5 * 27.4)
        #expect(data.outputs.allSatisfy { $0 == 0 || $0 == 1 })
    }

    /// The tanh and relu presets give the old implementations' loss and
    /// gradient (to summation order), their parameter names, and bit-identical
    /// synthetic data for the same seed.
    @Test func presetsMatchTheOldNetworks() throws {
        let rng = RandomStream(seed: 21)
        for biases in [false, true] {
            let old = try LegacyTanhNetwork(inputs: 2, outputs: 2, hidden: 3, biases: biases, sigma: 0.5)
            let new = try MLP.tanhNetwork(inputs: 2, outputs: 2, hidden: 3, biases: biases, sigma: 0.5)
            #expect(new.parameterNames == old.parameterNames)
            let truth = try old.truth(activeUnits: 2)
            #expect(try new.truth(activeUnits: 2) == truth)
            let oldData = try old.withSyntheticData(truth: truth, count: 500, seed: 4)
            let newData = try new.withSyntheticData(truth: truth, count: 500, seed: 4)
            #expect(oldData.data == newData.data)
            try compare(old: oldData, new: newData, rng: rng)
        }
        let oldRelu = try LegacyReLUNetwork(widths: [3, 6, 4, 2], biases: true, sigma: 1.3)
        let newRelu = try MLP.reluNetwork(widths: [3, 6, 4, 2], biases: true, sigma: 1.3)
        #expect(newRelu.parameterNames == oldRelu.parameterNames)
        let small = (0..<((3 * 2 + 2) + (2 * 2 + 2) + (2 * 2 + 2))).map { _ in rng.gaussian() }
        let truth = try oldRelu.embedding(widths: [3, 2, 2, 2], parameters: small)
        #expect(try newRelu.embedding(widths: [3, 2, 2, 2], parameters: small) == truth)
        let a = try oldRelu.withSyntheticData(truth: truth, count: 400, seed: 8)
        let b = try newRelu.withSyntheticData(truth: truth, count: 400, seed: 8)
        #expect(a.data == b.data)
        try compare(old: a, new: b, rng: rng)
    }

    private func compare<Old: Model>(old: Old, new: MLP, rng: RandomStream) throws where Old.Workspace == Scratch {
        var oldWS = old.makeWorkspace(maxBatchSize: 50)
        var newWS = new.makeWorkspace(maxBatchSize: 50)
        let batch = (0..<50).map { _ in rng.uniformInt(below: new.sampleCount) }
        for _ in 0..<5 {
            let w = (0..<new.dimension).map { _ in rng.gaussian() }
            var g1 = [Double](repeating: 0, count: new.dimension), g2 = g1, g3 = g1, g4 = g1
            let (l1, l2, l3, l4) = w.withUnsafeBufferPointer { wp in
                batch.withUnsafeBufferPointer { bp in
                    (g1.withUnsafeMutableBufferPointer { old.lossAndGradient(wp, gradient: $0, workspace: &oldWS) },
                     g2.withUnsafeMutableBufferPointer { new.lossAndGradient(wp, gradient: $0, workspace: &newWS) },
                     g3.withUnsafeMutableBufferPointer { old.batchLossAndGradient(wp, batch: bp, gradient: $0, workspace: &oldWS) },
                     g4.withUnsafeMutableBufferPointer { new.batchLossAndGradient(wp, batch: bp, gradient: $0, workspace: &newWS) })
                }
            }
            #expect(abs(l1 - l2) <= 1e-12 * abs(l1))
            #expect(abs(l3 - l4) <= 1e-12 * abs(l3))
            #expect(relativeError(g2, g1) <= 1e-12)
            #expect(relativeError(g4, g3) <= 1e-12)
        }
    }
}
