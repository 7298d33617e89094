import CBLAS
import Foundation

// The batched kernels: a chunk of B samples goes through the network as
// matrix products (Z_l = A_{l−1} W_lᵀ + 1 b_lᵀ forward; ∇W_l += Δ_lᵀ A_{l−1},
// ∇b_l += Δ_lᵀ 1, Δ_{l−1} = (Δ_l W_l) ⊙ φ'(Z_{l−1}) backward) by OpenBLAS's
// dgemm and dgemv (row-major wrappers in `Sources/CBLAS/shim.h`), in the
// chain's `MLPWorkspace`; nothing is allocated.

extension MLP {
    /// Rows of one chunk of a full-data pass. Fixed, so that L_n(w) does not
    /// depend on the workspace it is computed in.
    static let fullDataChunk = 256
    /// The most rows a workspace holds; larger batches are done in chunks.
    static let maximumChunk = 4096

    /// Buffers for minibatches of at most `maxBatchSize` samples (and
    /// full-data passes in chunks of 256).
    public func makeWorkspace(maxBatchSize: Int) -> MLPWorkspace {
        let rows = Swift.min(Swift.max(maxBatchSize, Self.fullDataChunk), Self.maximumChunk)
        return MLPWorkspace(rows: rows, widths: widths, targetWidth: targetDimension, precision: precision, parameterCount: dimension)
    }

    public func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout MLPWorkspace) -> Double {
        accumulate(w.baseAddress!, batch: nil, gradient: nil, perSample: nil, workspace)
    }

    public func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>,
                                workspace: inout MLPWorkspace) -> Double {
        accumulate(w.baseAddress!, batch: nil, gradient: gradient.baseAddress!, perSample: nil, workspace)
    }

    public func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>,
                                     gradient: UnsafeMutableBufferPointer<Double>, workspace: inout MLPWorkspace) -> Double {
        accumulate(w.baseAddress!, batch: batch, gradient: gradient.baseAddress!, perSample: nil, workspace)
    }

    /// The loss on a minibatch without its gradient.
    public func batchLoss(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>, workspace: inout MLPWorkspace) -> Double {
        accumulate(w.baseAddress!, batch: batch, gradient: nil, perSample: nil, workspace)
    }

    public func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>,
                               workspace: inout MLPWorkspace) {
        _ = accumulate(w.baseAddress!, batch: nil, gradient: nil, perSample: output.baseAddress!, workspace)
    }

    /// −(1/B) Σ log p over the batch's samples (all n when `batch` is nil),
    /// with the gradient written to `g` and each sample's log p to
    /// `perSample` when they are not nil. Batches are gathered into the
    /// workspace; the full data is read in place, 256 rows at a time.
    func accumulate(_ w: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>?, gradient g: UnsafeMutablePointer<Double>?,
                    perSample: UnsafeMutablePointer<Double>?, _ ws: MLPWorkspace) -> Double {
        BLAS.ensureReady()
        let m = inputDimension, t = targetDimension
        let count = batch?.count ?? data.count
        let n = Double(count)
        var total = 0.0
        if let single = ws.single {
            // The gradient's scale (1/σ² · 1/B, or 1/B) is applied as each
            // chunk's product is added, and the first chunk overwrites g: no
            // separate passes over the d entries to clear and to scale.
            let scale: Double
            switch head {
            case let .gaussian(noise): scale = noise.precision / n
            case .softmax, .logistic, .pinnedSoftmax: scale = 1 / n
            }
            if let g, count == 0 { for j in 0..<dimension { g[j] = 0 } }
            for j in 0..<dimension { single.weights[j] = Float(w[j]) }
            singleInputs.withUnsafeBufferPointer { xs in
            data.outputs.withUnsafeBufferPointer { ys in
                guard count > 0 else { return }
                var start = 0
                while start < count {
                    if let batch {
                        let rows = Swift.min(ws.rows, count - start)
                        for r in 0..<rows {
                            let i = batch[start + r]
                            (single.x + r * m).update(from: xs.baseAddress! + i * m, count: m)
                            (ws.y + r * t).update(from: ys.baseAddress! + i * t, count: t)
                        }
                        total += singleChunk(w, single, x: single.x, y: ws.y, rows: rows, gradient: g, scale: scale, first: start == 0,
                                             perSample: nil, ws)
                        start += rows
                    } else {
                        let rows = Swift.min(Self.fullDataChunk, count - start)
                        total += singleChunk(w, single, x: xs.baseAddress! + start * m, y: ys.baseAddress! + start * t, rows: rows,
                                             gradient: g, scale: scale, first: start == 0, perSample: perSample.map { $0 + start }, ws)
                        start += rows
                    }
                }
            }}
            return meanLoss(total: total, count: n)
        }
        if let g { for j in 0..<dimension { g[j] = 0 } }
        data.inputs.withUnsafeBufferPointer { xs in
        data.outputs.withUnsafeBufferPointer { ys in
            guard count > 0 else { return }
            if let batch {
                var start = 0
                while start < count {
                    let rows = Swift.min(ws.rows, count - start)
                    for r in 0..<rows {
                        let i = batch[start + r]
                        (ws.x + r * m).update(from: xs.baseAddress! + i * m, count: m)
                        (ws.y + r * t).update(from: ys.baseAddress! + i * t, count: t)
                    }
                    total += chunk(w, x: ws.x, y: ws.y, rows: rows, gradient: g, perSample: nil, ws)
                    start += rows
                }
            } else {
                var start = 0
                while start < count {
                    let rows = Swift.min(Self.fullDataChunk, count - start)
                    total += chunk(w, x: xs.baseAddress! + start * m, y: ys.baseAddress! + start * t, rows: rows,
                                   gradient: g, perSample: perSample.map { $0 + start }, ws)
                    start += rows
                }
            }
        }}
        if let g {
            switch head {
            case let .gaussian(noise):
                let scale = noise.precision / n
                for j in 0..<dimension { g[j] *= scale }
            case .softmax, .logistic, .pinnedSoftmax:
                for j in 0..<dimension { g[j] /= n }
            }
        }
        return meanLoss(total: total, count: n)
    }

    /// L from the head's summed per-sample loss over `count` samples
    /// (`headLoss`): Σ|y − f|²/(2σ²n) + d_out·log(√(2π)σ) for the gaussian
    /// head, Σ(−log p)/n for the classifiers.
    func meanLoss(total: Double, count n: Double) -> Double {
        switch head {
        case let .gaussian(noise):
            return total * noise.precision / (2 * n) + Double(outputDimension) * noise.logNormalizer
        case .softmax, .logistic, .pinnedSoftmax:
            return total / n
        }
    }

    /// One chunk: forward through every layer, the head's per-sample loss
    /// (summed; for the gaussian head Σ|y − f|², scaled by the caller) and
    /// ∂/∂f into Δ_L, then, when `g` is not nil, the backward pass adding
    /// this chunk's unscaled gradient to `g`.
    func chunk(_ w: UnsafePointer<Double>, x: UnsafePointer<Double>, y: UnsafePointer<Double>, rows: Int,
               gradient g: UnsafeMutablePointer<Double>?, perSample: UnsafeMutablePointer<Double>?, _ ws: MLPWorkspace) -> Double {
        let b = blasint(rows)
        // Forward: Z_l = A_{l−1} W_lᵀ (+ b_l in every row), A_l = φ_l(Z_l).
        for l in 0..<depth {
            let hIn = widths[l], hOut = widths[l + 1]
            let input = l == 0 ? x : UnsafePointer(ws.a[l - 1])
            let out = ws.z[l]
            var beta = 0.0
            if biases {
                let bias = w + biasOffsets[l]
                for r in 0..<rows { (out + r * hOut).update(from: bias, count: hOut) }
                beta = 1
            }
            cblas_dgemm_rowmajor(CblasShimNoTrans, CblasShimTrans, b, blasint(hOut), blasint(hIn),
                        1, input, blasint(hIn), w + weightOffsets[l], blasint(hIn), beta, out, blasint(hOut))
            if l < depth - 1 { activations[l].apply(out, into: ws.a[l], count: rows * hOut) }
        }
        let total = headLoss(f: ws.z[depth - 1], y: y, rows: rows, delta: ws.deltaA, perSample: perSample)
        guard let g else { return total }
        // Backward: Δ holds ∂ℓ/∂Z_l for the chunk's rows.
        var delta = ws.deltaA, spare = ws.deltaB
        var l = depth - 1
        while l >= 0 {
            let hIn = widths[l], hOut = widths[l + 1]
            let input = l == 0 ? x : UnsafePointer(ws.a[l - 1])
            // ∇W_l += Δᵀ A_{l−1}  (hOut × hIn)
            cblas_dgemm_rowmajor(CblasShimTrans, CblasShimNoTrans, blasint(hOut), blasint(hIn), b,
                        1, delta, blasint(hOut), input, blasint(hIn), 1, g + weightOffsets[l], blasint(hIn))
            // ∇b_l += Δᵀ 1
            if biases {
                cblas_dgemv_rowmajor(CblasShimTrans, b, blasint(hOut), 1, delta, blasint(hOut), ws.ones, 1,
                            1, g + biasOffsets[l], 1)
            }
            if l > 0 {
                // Δ_{l−1} = (Δ_l W_l) ⊙ φ'(Z_{l−1})
                cblas_dgemm_rowmajor(CblasShimNoTrans, CblasShimNoTrans, b, blasint(hIn), blasint(hOut),
                            1, delta, blasint(hOut), w + weightOffsets[l], blasint(hIn), 0, spare, blasint(hIn))
                activations[l - 1].multiplyDerivative(spare, z: ws.z[l - 1], a: ws.a[l - 1], count: rows * hIn)
                swap(&delta, &spare)
            }
            l -= 1
        }
        return total
    }

    /// `chunk` with the products in float32 (sgemm) on `single`'s copies of
    /// w (filled by the caller) and the inputs `x`; biases, activations, the
    /// head and the gradient's accumulation in float64. The gradient is
    /// added times `scale`, or written when `first`.
    func singleChunk(_ w: UnsafePointer<Double>, _ single: SinglePrecisionBuffers, x: UnsafePointer<Float>, y: UnsafePointer<Double>,
                     rows: Int, gradient g: UnsafeMutablePointer<Double>?, scale: Double, first: Bool,
                     perSample: UnsafeMutablePointer<Double>?, _ ws: MLPWorkspace) -> Double {
        let b = blasint(rows), product = single.product
        for l in 0..<depth {
            let hIn = widths[l], hOut = widths[l + 1], count = rows * hOut
            let input = l == 0 ? x : UnsafePointer(single.a[l - 1])
            cblas_sgemm_rowmajor(CblasShimNoTrans, CblasShimTrans, b, blasint(hOut), blasint(hIn),
                                 1, input, blasint(hIn), single.weights + weightOffsets[l], blasint(hIn), 0, product, blasint(hOut))
            let out = ws.z[l]
            if biases {
                let bias = w + biasOffsets[l]
                for r in 0..<rows {
                    let o = out + r * hOut, p = product + r * hOut
                    for j in 0..<hOut { o[j] = Double(p[j]) + bias[j] }
                }
            } else {
                for i in 0..<count { out[i] = Double(product[i]) }
            }
            if l < depth - 1 {
                let a = ws.a[l], af = single.a[l]
                activations[l].apply(out, into: a, count: count)
                for i in 0..<count { af[i] = Float(a[i]) }
            }
        }
        let total = headLoss(f: ws.z[depth - 1], y: y, rows: rows, delta: ws.deltaA, perSample: perSample)
        guard let g else { return total }
        let delta = ws.deltaA, deltaF = single.delta
        var l = depth - 1
        while l >= 0 {
            let hIn = widths[l], hOut = widths[l + 1]
            let input = l == 0 ? x : UnsafePointer(single.a[l - 1])
            for i in 0..<(rows * hOut) { deltaF[i] = Float(delta[i]) }
            // ∇W_l += Δᵀ A_{l−1}, the product in float32, the sum in float64.
            cblas_sgemm_rowmajor(CblasShimTrans, CblasShimNoTrans, blasint(hOut), blasint(hIn), b,
                                 1, deltaF, blasint(hOut), input, blasint(hIn), 0, product, blasint(hIn))
            let gl = g + weightOffsets[l]
            if first {
                for i in 0..<(hOut * hIn) { gl[i] = Double(product[i]) * scale }
            } else {
                for i in 0..<(hOut * hIn) { gl[i] += Double(product[i]) * scale }
            }
            if biases {
                cblas_dgemv_rowmajor(CblasShimTrans, b, blasint(hOut), scale, delta, blasint(hOut), ws.ones, 1,
                                     first ? 0 : 1, g + biasOffsets[l], 1)
            }
            if l > 0 {
                // Δ_{l−1} = (Δ_l W_l) ⊙ φ'(Z_{l−1})
                cblas_sgemm_rowmajor(CblasShimNoTrans, CblasShimNoTrans, b, blasint(hIn), blasint(hOut),
                                     1, deltaF, blasint(hOut), single.weights + weightOffsets[l], blasint(hIn), 0, product, blasint(hIn))
                for i in 0..<(rows * hIn) { delta[i] = Double(product[i]) }
                activations[l - 1].multiplyDerivative(delta, z: ws.z[l - 1], a: ws.a[l - 1], count: rows * hIn)
            }
            l -= 1
        }
        return total
    }

    /// The head on a chunk's outputs f (rows × d_out): returns the summed
    /// loss (gaussian: Σ|y − f|²; classifiers: Σ −log p), writes ∂/∂f
    /// (gaussian: f − y, before the 1/σ² the caller applies; softmax:
    /// p − e_y; pinnedSoftmax: the same on the k free logits; logistic: σ(f) − y) into `delta`, and log p of each row into
    /// `perSample` when it is not nil.
    func headLoss(f: UnsafePointer<Double>, y: UnsafePointer<Double>, rows: Int, delta: UnsafeMutablePointer<Double>,
                  perSample: UnsafeMutablePointer<Double>?) -> Double {
        let k = outputDimension
        var total = 0.0
        switch head {
        case let .gaussian(noise):
            for r in 0..<rows {
                var s = 0.0
                for j in 0..<k {
                    let e = f[r * k + j] - y[r * k + j]
                    total += e * e
                    s += e * e
                    delta[r * k + j] = e
                }
                perSample?[r] = -s * noise.precision / 2 - Double(k) * noise.logNormalizer
            }
        case .softmax:
            for r in 0..<rows {
                let row = f + r * k, d = delta + r * k
                let label = Int(y[r])
                var top = row[0]
                for j in 1..<k where row[j] > top { top = row[j] }
                var s = 0.0
                for j in 0..<k {
                    d[j] = Foundation.exp(row[j] - top)
                    s += d[j]
                }
                let nll = top + Foundation.log(s) - row[label]
                total += nll
                perSample?[r] = -nll
                let inv = 1 / s
                for j in 0..<k { d[j] *= inv }
                d[label] -= 1
            }
        case .pinnedSoftmax:
            // Logits (f_0, …, f_{k−1}, 0): the pinned class K−1 = k has logit 0.
            for r in 0..<rows {
                let row = f + r * k, d = delta + r * k
                let label = Int(y[r])
                var top = 0.0
                for j in 0..<k where row[j] > top { top = row[j] }
                var s = Foundation.exp(-top)
                for j in 0..<k {
                    d[j] = Foundation.exp(row[j] - top)
                    s += d[j]
                }
                let nll = top + Foundation.log(s) - (label < k ? row[label] : 0)
                total += nll
                perSample?[r] = -nll
                let inv = 1 / s
                for j in 0..<k { d[j] *= inv }
                if label < k { d[label] -= 1 }
            }
        case .logistic:
            for r in 0..<rows {
                let z = f[r], label = y[r]
                let nll = MLP.softplus(label == 1 ? -z : z)
                total += nll
                perSample?[r] = -nll
                delta[r] = MLP.sigmoid(z) - label
            }
        }
        return total
    }

    /// f(w, x) for one input (length d_in) into `output` (length d_out): the
    /// network's output (the logits of a classifier), one sample by plain
    /// loops in the order z_i = b_i + Σ_j W_ij x_j.
    public func predict(_ w: UnsafeBufferPointer<Double>, input: UnsafeBufferPointer<Double>,
                        output: UnsafeMutableBufferPointer<Double>, workspace: inout MLPWorkspace) {
        // Two rows of the workspace's spare buffers (each ≥ max H_l) hold the
        // layers' values in turn.
        var current = workspace.deltaA, next = workspace.deltaB
        for q in 0..<inputDimension { current[q] = input[q] }
        for l in 0..<depth {
            let hIn = widths[l], hOut = widths[l + 1], wl = w.baseAddress! + weightOffsets[l]
            for i in 0..<hOut {
                var z = biases ? w[biasOffsets[l] + i] : 0
                let row = wl + i * hIn
                for j in 0..<hIn { z += row[j] * current[j] }
                next[i] = l < depth - 1 ? activations[l].value(z) : z
            }
            swap(&current, &next)
        }
        for r in 0..<outputDimension { output[r] = current[r] }
    }

    /// f(w, x) for one input, allocating; for tests and reports.
    public func predict(_ w: [Double], input: [Double]) -> [Double] {
        var workspace = makeWorkspace(maxBatchSize: 1)
        var out = [Double](repeating: 0, count: outputDimension)
        w.withUnsafeBufferPointer { wp in
            input.withUnsafeBufferPointer { xp in
                out.withUnsafeMutableBufferPointer { predict(wp, input: xp, output: $0, workspace: &workspace) }
            }
        }
        return out
    }
}
