import Foundation

extension MLP {
    /// The loss −(1/B) Σ_{i ∈ indices} log p(y_i | x_i, w) and its gradient,
    /// one sample at a time by plain loops (forward, head, back-propagation):
    /// the reference the batched BLAS kernels are tested against. Allocates;
    /// not for hot paths.
    func referenceLossAndGradient(_ w: [Double], indices: [Int]) -> (loss: Double, gradient: [Double]) {
        var g = [Double](repeating: 0, count: dimension)
        var total = 0.0
        let m = inputDimension, t = targetDimension, k = outputDimension
        for i in indices {
            // Forward, keeping z_l and a_l of every layer (a_0 = x).
            var a: [[Double]] = [Array(data.inputs[(i * m)..<((i + 1) * m)])]
            var z: [[Double]] = []
            for l in 0..<depth {
                var zl = [Double](repeating: 0, count: widths[l + 1])
                for r in 0..<widths[l + 1] {
                    var s = biases ? w[biasOffsets[l] + r] : 0
                    for c in 0..<widths[l] { s += w[weightOffsets[l] + r * widths[l] + c] * a[l][c] }
                    zl[r] = s
                }
                z.append(zl)
                a.append(l < depth - 1 ? zl.map(activations[l].value) : zl)
            }
            let f = z[depth - 1], y = Array(data.outputs[(i * t)..<((i + 1) * t)])
            // The head: −log p and ∂(−log p)/∂f.
            var delta = [Double](repeating: 0, count: k)
            switch head {
            case let .gaussian(noise):
                for j in 0..<k {
                    let e = f[j] - y[j]
                    total += e * e * noise.precision / 2 + noise.logNormalizer
                    delta[j] = e * noise.precision
                }
            case .softmax:
                let label = Int(y[0])
                let top = f.max()!
                let s = f.map { Foundation.exp($0 - top) }.reduce(0, +)
                total += top + Foundation.log(s) - f[label]
                for j in 0..<k { delta[j] = Foundation.exp(f[j] - top) / s - (j == label ? 1 : 0) }
            case .pinnedSoftmax:
                let label = Int(y[0])
                let logits = f + [0]
                let top = logits.max()!
                let s = logits.map { Foundation.exp($0 - top) }.reduce(0, +)
                total += top + Foundation.log(s) - logits[label]
                for j in 0..<k { delta[j] = Foundation.exp(f[j] - top) / s - (j == label ? 1 : 0) }
            case .logistic:
                // −log σ(±f) = log(1 + e^{∓f}), written so that it neither
                // overflows nor cancels when |f| is large.
                let u = y[0] == 1 ? -f[0] : f[0]
                total += u > 0 ? u + Foundation.log1p(Foundation.exp(-u)) : Foundation.log1p(Foundation.exp(u))
                delta[0] = 1 / (1 + Foundation.exp(-f[0])) - y[0]
            }
            // Backward.
            var l = depth - 1
            while l >= 0 {
                for r in 0..<widths[l + 1] {
                    for c in 0..<widths[l] { g[weightOffsets[l] + r * widths[l] + c] += delta[r] * a[l][c] }
                    if biases { g[biasOffsets[l] + r] += delta[r] }
                }
                if l > 0 {
                    var previous = [Double](repeating: 0, count: widths[l])
                    for c in 0..<widths[l] {
                        var s = 0.0
                        for r in 0..<widths[l + 1] { s += delta[r] * w[weightOffsets[l] + r * widths[l] + c] }
                        previous[c] = s * activations[l - 1].derivative(z[l - 1][c], a[l][c])
                    }
                    delta = previous
                }
                l -= 1
            }
        }
        let n = Double(indices.count)
        return (total / n, g.map { $0 / n })
    }
}
