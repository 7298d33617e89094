/// The sizes a model spec implies, computed with overflow checks before the
/// model exists (so `model.inputs: 2^62` is refused, not trapped on).
struct ModelSizes: Sendable, Hashable {
    /// d, the number of parameters (Int.max when it overflows; 0 when the
    /// spec does not say: a polynomial's variables are known after parsing).
    var parameters: Int
    /// Values of the data's sufficient statistics the model keeps (linear models: M² + M + NM + N).
    var statistics: Int
    var statisticsWhat: String
    /// Scratch values of one chain's workspace.
    var workspace: Int
    /// The spec field that sets the largest size.
    var field: String
}

extension ModelSpec {
    var sizes: ModelSizes {
        typealias R = ResourceEstimate
        /// Σ a_l a_{l+1} over consecutive widths.
        func layers(_ w: [Int]) -> Int { R.sum((0..<(w.count - 1)).map { R.product(w[$0], w[$0 + 1]) }) }
        func affineStatistics(_ m: Int, _ n: Int) -> Int { R.sum(R.product(m, m), m, R.product(n, m), n) }
        func widest(_ w: [Int]) -> String {
            let i = w.indices.max { w[$0] < w[$1] } ?? 0
            return "model.widths[\(i)]"
        }
        func larger(_ a: (String, Int), _ b: (String, Int), _ c: (String, Int)? = nil) -> String {
            [a, b, c].compactMap { $0 }.max { $0.1 < $1.1 }!.0
        }
        switch self {
        case .polynomialRegression:
            return ModelSizes(parameters: 0, statistics: 0, statisticsWhat: "", workspace: 0, field: "model.q")
        case .potential:
            return ModelSizes(parameters: 0, statistics: 0, statisticsWhat: "", workspace: 0, field: "model.k")
        case let .linearRegression(m, n, bias, _):
            return ModelSizes(parameters: R.sum(R.product(n, m), bias ? n : 0), statistics: affineStatistics(m, n),
                              statisticsWhat: "\(m) inputs and \(n) outputs", workspace: max(m, n),
                              field: larger(("model.inputs", m), ("model.outputs", n)))
        case let .reducedRankRegression(m, n, h, _):
            let w = [m, h, n]
            return ModelSizes(parameters: layers(w), statistics: affineStatistics(m, n),
                              statisticsWhat: "\(m) inputs and \(n) outputs", workspace: Self.deepLinearWorkspace(w),
                              field: larger(("model.inputs", m), ("model.hidden", h), ("model.outputs", n)))
        case let .deepLinearNetwork(w, _):
            return ModelSizes(parameters: layers(w), statistics: affineStatistics(w[0], w[w.count - 1]),
                              statisticsWhat: "\(w[0]) inputs and \(w[w.count - 1]) outputs",
                              workspace: Self.deepLinearWorkspace(w), field: widest(w))
        case let .tanhNetwork(m, n, h, biases, _):
            let d = R.sum(R.product(h, m), R.product(n, h), biases ? h : 0, biases ? n : 0)
            return ModelSizes(parameters: d, statistics: 0, statisticsWhat: "", workspace: Self.mlpWorkspace([m, h, n], targets: n),
                              field: larger(("model.inputs", m), ("model.hidden", h), ("model.outputs", n)))
        case let .reluNetwork(w, biases, _):
            return ModelSizes(parameters: R.sum(layers(w), biases ? R.sum(w) : 0), statistics: 0, statisticsWhat: "",
                              workspace: Self.mlpWorkspace(w, targets: w[w.count - 1]), field: widest(w))
        case let .mlp(w, _, biases, head, precision):
            let d = R.sum(layers(w), biases ? R.sum(Array(w.dropFirst())) : 0)
            var workspace = Self.mlpWorkspace(w, targets: head.isClassifier ? 1 : w[w.count - 1])
            if precision == .single {
                // `SinglePrecisionBuffers`: w and 256 rows of X, A_l, Z and Δ in float32, counted as half as many Doubles.
                let rows = R.product(256, R.sum(w[0], R.sum(Array(w.dropFirst().dropLast())), R.product(2, w.max() ?? 0)))
                workspace = R.sum(workspace, R.sum(d, rows) / 2 + 1)
            }
            return ModelSizes(parameters: d, statistics: 0, statisticsWhat: "", workspace: workspace, field: widest(w))
        }
    }

    /// `MLPWorkspace.size` at its smallest chunk of 256 rows (the full-data
    /// chunk; a minibatch of B > 256 rows takes B rows):
    /// 256 · (H_0 + targets + H_L + 2 Σ_{0<l<L} H_l + 2 max H_l + 1).
    static func mlpWorkspace(_ w: [Int], targets: Int) -> Int {
        typealias R = ResourceEstimate
        let hidden = R.sum(Array(w.dropFirst().dropLast()))
        let row = R.sum(w[0], targets, w[w.count - 1], R.product(2, hidden), R.product(2, w.max() ?? 0), 1)
        return R.product(256, row)
    }

    /// `DeepLinearNetwork.makeWorkspace`: Σ H_{l+1}·M + Σ_{l<L−1} N·H_{l+1} + N·M + H_max·M + 2 H_max.
    static func deepLinearWorkspace(_ w: [Int]) -> Int {
        typealias R = ResourceEstimate
        let m = w[0], n = w[w.count - 1], hmax = w.max() ?? 0, depth = w.count - 1
        let forward = R.sum((0..<depth).map { R.product(w[$0 + 1], m) })
        let backward = R.sum((0..<max(depth - 1, 0)).map { R.product(n, w[$0 + 1]) })
        return R.sum(forward, backward, R.product(n, m), R.product(hmax, m), R.product(2, hmax))
    }
}
