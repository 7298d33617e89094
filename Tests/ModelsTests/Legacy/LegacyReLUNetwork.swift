// The pre-MLP implementation, kept test-only to check that the `MLP` preset
// gives the same loss, gradient, names and synthetic data (MLPTests).
@testable import Models
/// A multilayer perceptron with ReLU hidden layers and a linear output:
/// widths H_1 (input) … H_{L+1} (output), a_0 = x,
/// a_l = relu(W_l a_{l−1} + b_l) for l < L, f = W_L a_{L−1} + b_L.
/// Noise ε ~ N(0, σ² I). Layout of w: for each layer, W_l (H_{l+1}×H_l,
/// row-major) then b_l (H_{l+1}) when `biases` is true.
struct LegacyReLUNetwork: SampleAccumulatingModel {
    let widths: [Int]
    let biases: Bool
    let noise: GaussianNoise
    let data: Dataset
    let truth: [Double]?
    /// Start of W_l and of b_l in w, for each layer.
    let weightOffsets: [Int]
    let biasOffsets: [Int]
    /// Start of layer l's units in the per-sample activation buffers.
    let unitOffsets: [Int]
    let dimension: Int

    var inputDimension: Int { widths[0] }
    var outputDimension: Int { widths[widths.count - 1] }
    /// L, the number of weight layers.
    var depth: Int { widths.count - 1 }
    var sampleCount: Int { data.count }
    var parameterNames: [String] {
        (0..<depth).flatMap { l in
            ParameterNames.matrix("W\(l + 1)", rows: widths[l + 1], columns: widths[l])
                + (biases ? ParameterNames.vector("b\(l + 1)", count: widths[l + 1]) : [])
        }
    }

    init(widths: [Int], biases: Bool = true, sigma: Double = 1, data: Dataset? = nil, truth: [Double]? = nil) throws {
        guard widths.count >= 2 else { throw ModelError("a ReLU network needs at least two widths (input and output), got \(widths.count)") }
        for (i, h) in widths.enumerated() where h <= 0 { throw ModelError("widths[\(i)] must be a positive integer, got \(h)") }
        guard sigma > 0, sigma.isFinite else { throw ModelError("sigma must be positive and finite, got \(sigma)") }
        self.widths = widths
        self.biases = biases
        noise = GaussianNoise(sigma: sigma)
        var wo = [Int](), bo = [Int](), uo = [0], d = 0
        for l in 0..<(widths.count - 1) {
            wo.append(d); d += widths[l] * widths[l + 1]
            bo.append(d); if biases { d += widths[l + 1] }
        }
        for h in widths { uo.append(uo.last! + h) }
        weightOffsets = wo
        biasOffsets = bo
        unitOffsets = uo
        dimension = d
        self.data = data ?? .empty(inputDimension: widths[0], outputDimension: widths[widths.count - 1])
        self.truth = truth
        try checkShape(of: self.data)
        if let truth, truth.count != dimension { throw ModelError("the truth has \(truth.count) parameters, the model \(dimension)") }
    }

    /// The truth given by a smaller network of the same depth (widths h_l ≤
    /// H_l, same input and output sizes) with parameters `parameters` in the
    /// same layout: its weights fill the top-left blocks, everything else is
    /// 0, so both networks compute the same function.
    func embedding(widths small: [Int], parameters: [Double]) throws -> [Double] {
        guard small.count == widths.count else {
            throw ModelError("the truth network has \(small.count) widths, the model \(widths.count)")
        }
        guard small.first == widths.first, small.last == widths.last else {
            throw ModelError("the truth network must have the model's input and output sizes \(widths.first!) and \(widths.last!)")
        }
        for (l, h) in small.enumerated() where h <= 0 || h > widths[l] {
            throw ModelError("truth widths[\(l)] must be between 1 and the model's \(widths[l]), got \(h)")
        }
        let smallNet = try LegacyReLUNetwork(widths: small, biases: biases, sigma: noise.sigma)
        guard parameters.count == smallNet.dimension else {
            throw ModelError("the truth network has \(smallNet.dimension) parameters, got \(parameters.count)")
        }
        var w = [Double](repeating: 0, count: dimension)
        for l in 0..<depth {
            for i in 0..<small[l + 1] {
                for j in 0..<small[l] {
                    w[weightOffsets[l] + i * widths[l] + j] = parameters[smallNet.weightOffsets[l] + i * small[l] + j]
                }
                if biases { w[biasOffsets[l] + i] = parameters[smallNet.biasOffsets[l] + i] }
            }
        }
        return w
    }

    func withData(_ data: Dataset, truth: [Double]?) throws -> LegacyReLUNetwork {
        try LegacyReLUNetwork(widths: widths, biases: biases, sigma: noise.sigma, data: data, truth: truth)
    }

    /// Slices: 0 activations of every layer (Σ H_l), 1 back-propagated δ (Σ H_l).
    func makeWorkspace(maxBatchSize: Int) -> Scratch {
        Scratch(sizes: [unitOffsets.last!, unitOffsets.last!])
    }

    /// Forward pass for one input: layer l's activations at a + unitOffsets[l];
    /// the output layer holds f(x). Hidden layers store relu(z).
    func forward(_ w: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ a: UnsafeMutablePointer<Double>) {
        for q in 0..<widths[0] { a[q] = x[q] }
        for l in 0..<depth {
            let input = a + unitOffsets[l], out = a + unitOffsets[l + 1]
            let hIn = widths[l], hOut = widths[l + 1], wl = w + weightOffsets[l]
            let hidden = l < depth - 1
            for i in 0..<hOut {
                var z = biases ? w[biasOffsets[l] + i] : 0
                let row = wl + i * hIn
                for j in 0..<hIn { z += row[j] * input[j] }
                out[i] = hidden && z < 0 ? 0 : z
            }
        }
    }

    func accumulate<S: Sequence>(_ w: UnsafePointer<Double>, _ indices: S, count: Int,
                                 gradient g: UnsafeMutablePointer<Double>?, _ s: Scratch) -> Double where S.Element == Int {
        let m = inputDimension, k = outputDimension, a = s[0], delta = s[1]
        if let g { for j in 0..<dimension { g[j] = 0 } }
        var total = 0.0
        data.inputs.withUnsafeBufferPointer { xs in
        data.outputs.withUnsafeBufferPointer { ys in
            for i in indices {
                let x = xs.baseAddress! + i * m, y = ys.baseAddress! + i * k
                forward(w, x, a)
                let f = a + unitOffsets[depth], dOut = delta + unitOffsets[depth]
                for r in 0..<k {
                    let e = y[r] - f[r]
                    total += e * e
                    dOut[r] = -e  // ∂(½|y − f|²)/∂f
                }
                guard let g else { continue }
                var l = depth - 1
                while l >= 0 {
                    let hIn = widths[l], hOut = widths[l + 1]
                    let input = a + unitOffsets[l], dl = delta + unitOffsets[l + 1], dPrev = delta + unitOffsets[l]
                    let wl = w + weightOffsets[l], gl = g + weightOffsets[l]
                    for i in 0..<hOut {
                        let di = dl[i]
                        if di == 0 { continue }
                        let grow = gl + i * hIn
                        for j in 0..<hIn { grow[j] += di * input[j] }
                        if biases { g[biasOffsets[l] + i] += di }
                    }
                    if l > 0 {
                        // δ_{l−1} = (W_lᵀ δ_l) ⊙ 1[a > 0]  (a = relu(z) > 0 iff z > 0)
                        for j in 0..<hIn { dPrev[j] = 0 }
                        for i in 0..<hOut {
                            let di = dl[i]
                            if di == 0 { continue }
                            let row = wl + i * hIn
                            for j in 0..<hIn { dPrev[j] += di * row[j] }
                        }
                        for j in 0..<hIn where input[j] <= 0 { dPrev[j] = 0 }
                    }
                    l -= 1
                }
            }
        }}
        if let g {
            let scale = noise.precision / Double(count)
            for j in 0..<dimension { g[j] *= scale }
        }
        return total * noise.precision / (2 * Double(count)) + Double(k) * noise.logNormalizer
    }

    func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>,
                               workspace: inout Scratch) {
        let m = inputDimension, k = outputDimension, a = workspace[0]
        data.inputs.withUnsafeBufferPointer { xs in
            for i in 0..<data.count {
                forward(w.baseAddress!, xs.baseAddress! + i * m, a)
                var s = 0.0
                for r in 0..<k {
                    let e = data.outputs[i * k + r] - a[unitOffsets[depth] + r]
                    s += e * e
                }
                output[i] = -s * noise.precision / 2 - Double(k) * noise.logNormalizer
            }
        }
    }

    func predict(_ w: UnsafeBufferPointer<Double>, input: UnsafeBufferPointer<Double>,
                        output: UnsafeMutableBufferPointer<Double>, workspace: inout Scratch) {
        let a = workspace[0]
        forward(w.baseAddress!, input.baseAddress!, a)
        for r in 0..<outputDimension { output[r] = a[unitOffsets[depth] + r] }
    }

    /// No closed form for E_x over ReLU units: nil.
    func populationLoss(_ w: [Double]) -> Double? { nil }
}
