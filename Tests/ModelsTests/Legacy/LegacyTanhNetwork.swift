// The pre-MLP implementation, kept test-only to check that the `MLP` preset
// gives the same loss, gradient, names and synthetic data (MLPTests).
import Foundation
@testable import Models

/// A one-hidden-layer tanh network f(x) = Σ_j b_j tanh(a_j · x + c_j) + d
/// with H hidden units, M inputs, N outputs (a_j ∈ R^M, b_j ∈ R^N); the
/// biases c, d are present only when `biases` is true. Noise ε ~ N(0, σ² I).
/// Learning coefficient with truth 0 and M = N = 1: Aoyagi & Watanabe (2005).
///
/// Layout of w: A (H×M, row j is a_j), then c (H) if biases, then B (N×H,
/// column j is b_j), then d (N) if biases.
struct LegacyTanhNetwork: SampleAccumulatingModel {
    let inputDimension: Int
    let outputDimension: Int
    /// H, the number of hidden units.
    let hiddenUnits: Int
    /// Whether the hidden biases c and output bias d are parameters.
    let biases: Bool
    let noise: GaussianNoise
    let data: Dataset
    let truth: [Double]?
    let offsetC: Int
    let offsetB: Int
    let offsetD: Int

    var dimension: Int { offsetD + (biases ? outputDimension : 0) }
    var sampleCount: Int { data.count }
    var parameterNames: [String] {
        ParameterNames.matrix("a", rows: hiddenUnits, columns: inputDimension)
            + (biases ? ParameterNames.vector("c", count: hiddenUnits) : [])
            + ParameterNames.matrix("b", rows: outputDimension, columns: hiddenUnits)
            + (biases ? ParameterNames.vector("d", count: outputDimension) : [])
    }

    init(inputs m: Int, outputs n: Int, hidden h: Int, biases: Bool = false, sigma: Double = 1,
                data: Dataset? = nil, truth: [Double]? = nil) throws {
        for (name, v) in [("inputs", m), ("outputs", n), ("hidden", h)] where v <= 0 {
            throw ModelError("\(name) must be a positive integer, got \(v)")
        }
        guard sigma > 0, sigma.isFinite else { throw ModelError("sigma must be positive and finite, got \(sigma)") }
        inputDimension = m
        outputDimension = n
        hiddenUnits = h
        self.biases = biases
        noise = GaussianNoise(sigma: sigma)
        offsetC = h * m
        offsetB = offsetC + (biases ? h : 0)
        offsetD = offsetB + n * h
        self.data = data ?? .empty(inputDimension: m, outputDimension: n)
        self.truth = truth
        try checkShape(of: self.data)
        if let truth, truth.count != dimension { throw ModelError("the truth has \(truth.count) parameters, the model \(dimension)") }
    }

    /// A truth with H0 active units: unit j < H0 has a_j = (1 + ⌊j/M⌋) e_{j mod M}
    /// and b_j = (1, …, 1); the other units and all biases are 0. H0 = 0 is
    /// the zero function.
    func truth(activeUnits h0: Int) throws -> [Double] {
        guard h0 >= 0, h0 <= hiddenUnits else {
            throw ModelError("activeUnits must be between 0 and hidden = \(hiddenUnits), got \(h0)")
        }
        var w = [Double](repeating: 0, count: dimension)
        for j in 0..<h0 {
            w[j * inputDimension + j % inputDimension] = Double(1 + j / inputDimension)
            for r in 0..<outputDimension { w[offsetB + r * hiddenUnits + j] = 1 }
        }
        return w
    }

    func withData(_ data: Dataset, truth: [Double]?) throws -> LegacyTanhNetwork {
        try LegacyTanhNetwork(inputs: inputDimension, outputs: outputDimension, hidden: hiddenUnits, biases: biases,
                        sigma: noise.sigma, data: data, truth: truth)
    }

    /// Slices: 0 tanh values t (H), 1 back-propagated δ (H), 2 residual (N).
    func makeWorkspace(maxBatchSize: Int) -> Scratch {
        Scratch(sizes: [hiddenUnits, hiddenUnits, outputDimension])
    }

    /// Σ_{i∈indices} |y_i − f(x_i)|² and, when `g` is not nil, the gradient of
    /// that sum divided by −σ²… scaled to ∂/∂w of (sum/(2σ²·count)).
    func accumulate<S: Sequence>(_ w: UnsafePointer<Double>, _ indices: S, count: Int,
                                 gradient g: UnsafeMutablePointer<Double>?, _ s: Scratch) -> Double where S.Element == Int {
        let m = inputDimension, k = outputDimension, h = hiddenUnits
        let t = s[0], delta = s[1], res = s[2]
        if let g { for j in 0..<dimension { g[j] = 0 } }
        var total = 0.0
        data.inputs.withUnsafeBufferPointer { xs in
        data.outputs.withUnsafeBufferPointer { ys in
            for i in indices {
                let x = xs.baseAddress! + i * m, y = ys.baseAddress! + i * k
                for j in 0..<h {
                    var z = biases ? w[offsetC + j] : 0
                    let aj = w + j * m
                    for q in 0..<m { z += aj[q] * x[q] }
                    t[j] = Foundation.tanh(z)
                }
                for r in 0..<k {
                    var f = biases ? w[offsetD + r] : 0
                    let br = w + offsetB + r * h
                    for j in 0..<h { f += br[j] * t[j] }
                    res[r] = y[r] - f
                    total += res[r] * res[r]
                }
                guard let g else { continue }
                // ∂(½|y − f|²)/∂f_r = −res_r.
                for j in 0..<h { delta[j] = 0 }
                for r in 0..<k {
                    let e = res[r], br = w + offsetB + r * h, gbr = g + offsetB + r * h
                    for j in 0..<h {
                        gbr[j] -= e * t[j]
                        delta[j] -= e * br[j]
                    }
                    if biases { g[offsetD + r] -= e }
                }
                for j in 0..<h {
                    let dz = delta[j] * (1 - t[j] * t[j])
                    let gaj = g + j * m
                    for q in 0..<m { gaj[q] += dz * x[q] }
                    if biases { g[offsetC + j] += dz }
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
        let f = workspace[2]
        for i in 0..<data.count {
            data.inputs.withUnsafeBufferPointer { xs in
                predict(w, input: UnsafeBufferPointer(rebasing: xs[(i * inputDimension)..<((i + 1) * inputDimension)]),
                        output: UnsafeMutableBufferPointer(start: f, count: outputDimension), workspace: &workspace)
            }
            var s = 0.0
            for r in 0..<outputDimension {
                let e = data.outputs[i * outputDimension + r] - f[r]
                s += e * e
            }
            output[i] = -s * noise.precision / 2 - Double(outputDimension) * noise.logNormalizer
        }
    }

    func predict(_ w: UnsafeBufferPointer<Double>, input: UnsafeBufferPointer<Double>,
                        output: UnsafeMutableBufferPointer<Double>, workspace: inout Scratch) {
        let m = inputDimension, h = hiddenUnits, t = workspace[0]
        for j in 0..<h {
            var z = biases ? w[offsetC + j] : 0
            for q in 0..<m { z += w[j * m + q] * input[q] }
            t[j] = Foundation.tanh(z)
        }
        for r in 0..<outputDimension {
            var f = biases ? w[offsetD + r] : 0
            for j in 0..<h { f += w[offsetB + r * h + j] * t[j] }
            output[r] = f
        }
    }

    /// No closed form for E_x over tanh units: nil.
    func populationLoss(_ w: [Double]) -> Double? { nil }
}
