import Foundation
import GSL

extension MLP {
    /// The same network on n samples drawn at `truth` from stream 0 of
    /// `seed`, in a fixed order: for each sample, its d_in input coordinates
    /// from `inputs`, then
    /// - gaussian head: d_out noise values, y = f(w0, x) + σε (σ = `noise`,
    ///   default the head's own; the draw order of `Dataset.synthetic`);
    /// - softmax: one uniform u, y = the first class c with
    ///   Σ_{j ≤ c} softmax(f)_j > u (pinnedSoftmax: of the logits (f, 0));
    /// - logistic: one uniform u, y = 1 if u < σ(f), else 0.
    public func withSyntheticData(truth: [Double], count n: Int, inputs law: InputDistribution = .standardNormal,
                                  noise: Double? = nil, seed: UInt64) throws -> MLP {
        guard truth.count == dimension else {
            throw DatasetError.shape("the truth has \(truth.count) parameters, the model \(dimension)")
        }
        var workspace = makeWorkspace(maxBatchSize: 1)
        let k = outputDimension
        let data: Dataset
        switch head {
        case let .gaussian(own):
            data = try truth.withUnsafeBufferPointer { w in
                try Dataset.synthetic(inputDimension: inputDimension, outputDimension: k, count: n, inputs: law,
                                      noise: noise ?? own.sigma, seed: seed) { x, y in
                    predict(w, input: x, output: y, workspace: &workspace)
                }
            }
        case .softmax, .logistic, .pinnedSoftmax:
            guard n > 0 else { throw DatasetError.shape("the number of samples must be positive, got \(n)") }
            let rng = RandomStream(seed: seed)
            let m = inputDimension
            var x = [Double](repeating: 0, count: n * m), y = [Double](repeating: 0, count: n)
            // The logits; a pinned class's 0 stays at index k.
            var f = [Double](repeating: 0, count: head == .pinnedSoftmax ? k + 1 : k)
            truth.withUnsafeBufferPointer { w in
                x.withUnsafeMutableBufferPointer { xs in
                    f.withUnsafeMutableBufferPointer { fp in
                        for i in 0..<n {
                            for j in 0..<m { xs[i * m + j] = law.draw(rng) }
                            predict(w, input: UnsafeBufferPointer(rebasing: xs[(i * m)..<((i + 1) * m)]), output: fp,
                                    workspace: &workspace)
                            let u = rng.uniform()
                            y[i] = head == .logistic ? (u < MLP.sigmoid(fp[0]) ? 1 : 0) : Self.sample(logits: fp, uniform: u)
                        }
                    }
                }
            }
            data = try Dataset(inputs: x, outputs: y, inputDimension: m, outputDimension: 1, inputDistribution: law,
                               source: "synthetic n=\(n) seed=\(seed)")
        }
        return try withData(data, truth: truth)
    }

    /// The class c whose softmax cumulative probability first exceeds u
    /// (the last class if rounding leaves u above the total).
    static func sample(logits f: UnsafeMutableBufferPointer<Double>, uniform u: Double) -> Double {
        let top = f.max()!
        var s = 0.0
        for j in f.indices { s += Foundation.exp(f[j] - top) }
        var cumulative = 0.0
        for j in f.indices {
            cumulative += Foundation.exp(f[j] - top) / s
            if u < cumulative { return Double(j) }
        }
        return Double(f.count - 1)
    }
}
