import Foundation
import GSL
import Models
import Polynomials

/// A spec turned into concrete values: the model on its data, the prior,
/// and the reference point w0 (the truth in parameter space) when there is one.
public struct Experiment: Sendable {
    public let spec: ExperimentSpec
    public let model: AnyModel
    public let prior: Prior
    /// The true parameter w0 (for a polynomial regression without
    /// `truth.parameters`: the origin when Q(0) = a, else nil).
    public let truth: [Double]?
}

extension ExperimentSpec {
    /// Builds the model, data and prior. Relative CSV paths are resolved
    /// against `baseDirectory` (the spec file's folder). Errors name the
    /// spec path (`truth.rank: …`) or the CSV position (`data.csv:3:2: …`).
    ///
    /// Before allocating anything, the memory of the model and data, and of
    /// each sampler section's chains, is estimated (`ResourceEstimate`) and a
    /// spec above `budget` is refused, naming the field.
    ///
    /// A `truth.file` is read first (bounded by `budget`), its tensors matched
    /// to the model's layers (`ModelSpec.weights`); it then acts as
    /// `truth.parameters` would, and the experiment keeps the spec as written.
    public func build(baseDirectory: URL? = nil, budget: MemoryBudget = .available()) throws -> Experiment {
        guard let file = truth?.file else { return try build(resolving: self, baseDirectory: baseDirectory, budget: budget) }
        try resourceEstimate(baseDirectory: baseDirectory).check(against: budget)
        var resolved = self
        resolved.truth = TruthSpec(parameters: try model.weights(path: csvPath(file, baseDirectory), map: truth?.weightsMap,
                                                                 field: "truth.file", maximumBytes: budget.bytes))
        return try resolved.build(resolving: self, baseDirectory: baseDirectory, budget: budget)
    }

    /// `build` of a spec whose truth is numbers; `original` is the spec the experiment reports.
    private func build(resolving original: ExperimentSpec, baseDirectory: URL?, budget: MemoryBudget) throws -> Experiment {
        let estimate = resourceEstimate(baseDirectory: baseDirectory)
        try estimate.check(against: budget)
        try checkSamplerResources(base: estimate, budget: budget)
        let csvLimit = budget.bytes / ResourceEstimate.bytesPerCSVByte
        let built: (AnyModel, [Double]?)
        switch model {
        case let .polynomialRegression(qText, variables, sigma):
            let q = try parse(qText, path: "model.q")
            let bare = try modelStep { try PolynomialRegression(q: q, variables: variables, sigma: sigma) }
            let truth = try truthVector(bare.dimension, names: bare.parameterNames)
            let a = self.truth?.a ?? truth.map { bare.compiled.value($0) } ?? 0
            let w0 = truth ?? (abs(bare.compiled.value([Double](repeating: 0, count: bare.dimension)) - a) == 0
                ? [Double](repeating: 0, count: bare.dimension) : nil)
            let m: PolynomialRegression
            switch data {
            case let .synthetic(n, seed, inputs, noise):
                let d = try Dataset.synthetic(inputDimension: 1, outputDimension: 1, count: n, inputs: inputs,
                                              noise: noise ?? sigma, seed: seed) { x, y in y[0] = a * x[0] }
                m = try modelStep { try PolynomialRegression(q: q, variables: variables, sigma: sigma, data: d,
                                                             trueCoefficient: a, truth: w0) }
            case .csv, .tensors:
                let d = try readData(baseDirectory, limit: csvLimit)
                m = try modelStep { try PolynomialRegression(q: q, variables: variables, sigma: sigma, data: d,
                                                             trueCoefficient: nil, truth: w0) }
            case nil:
                throw SpecError(path: "data", "missing")
            }
            built = (.polynomialRegression(m), w0)
        case let .potential(kText, variables, n):
            let k = try parse(kText, path: "model.k")
            let bare = try modelStep { try Potential(k: k, variables: variables, sampleCount: n) }
            let truth = try truthVector(bare.dimension, names: bare.parameterNames)
            let m = try modelStep { try Potential(k: k, variables: variables, sampleCount: n, truth: truth) }
            built = (.potential(m), m.truth)
        case let .linearRegression(inputs, outputs, bias, sigma):
            let bare = try modelStep { try LinearRegression(inputs: inputs, outputs: outputs, bias: bias, sigma: sigma) }
            let truth = try truthVector(bare.dimension, names: bare.parameterNames)
                ?? truthStep("truth.rank") { try bare.truth(rank: self.truth?.rank ?? 0) }
            let m = try attachData(bare, truth: truth, baseDirectory, csvLimit: csvLimit)
            built = (.linearRegression(m), truth)
        case let .reducedRankRegression(inputs, outputs, hidden, sigma):
            let bare = try modelStep { try ReducedRankRegression(inputs: inputs, outputs: outputs, hidden: hidden, sigma: sigma) }
            let truth = try truthVector(bare.dimension, names: bare.parameterNames)
                ?? truthStep("truth.rank") { try bare.truth(rank: self.truth?.rank ?? 0) }
            let m = try attachData(bare, truth: truth, baseDirectory, csvLimit: csvLimit)
            built = (.reducedRankRegression(m), truth)
        case let .deepLinearNetwork(widths, sigma):
            let bare = try modelStep { try DeepLinearNetwork(widths: widths, sigma: sigma) }
            let truth = try truthVector(bare.dimension, names: bare.parameterNames)
                ?? truthStep("truth.rank") { try bare.truth(rank: self.truth?.rank ?? 0) }
            let m = try attachData(bare, truth: truth, baseDirectory, csvLimit: csvLimit)
            built = (.deepLinearNetwork(m), truth)
        case let .tanhNetwork(inputs, outputs, hidden, biases, sigma):
            let bare = try modelStep { try MLP.tanhNetwork(inputs: inputs, outputs: outputs, hidden: hidden, biases: biases, sigma: sigma) }
            let truth = try truthVector(bare.dimension, names: bare.parameterNames)
                ?? truthStep("truth.activeUnits") { try bare.truth(activeUnits: self.truth?.activeUnits ?? 0) }
            built = (.mlp(try attachData(bare, truth: truth, baseDirectory, csvLimit: csvLimit)), truth)
        case let .reluNetwork(widths, biases, sigma):
            let bare = try modelStep { try MLP.reluNetwork(widths: widths, biases: biases, sigma: sigma) }
            let truth = try networkTruth(bare)
            built = (.mlp(try attachData(bare, truth: truth, baseDirectory, csvLimit: csvLimit)), truth)
        case let .mlp(widths, activations, biases, head, precision):
            let bare = try modelStep { try MLP(widths: widths, activations: activations, biases: biases, head: head, precision: precision) }
            let truth = try networkTruth(bare)
            built = (.mlp(try attachData(bare, truth: truth, baseDirectory, csvLimit: csvLimit)), truth)
        }
        let prior = try (self.prior ?? .standard).resolve(dimension: built.0.dimension)
        return Experiment(spec: original, model: built.0, prior: prior, truth: built.1)
    }

    /// A network's truth: a smaller network of the same depth embedded in
    /// its top-left blocks (`truth.widths` with its `parameters` or a `seed`
    /// drawing them from N(0, 1)), all parameters drawn from N(0, 1)
    /// (`truth.seed` alone, mlp), `truth.parameters`, or 0.
    private func networkTruth(_ bare: MLP) throws -> [Double] {
        let small = self.truth?.widths ?? (self.truth?.seed != nil ? bare.widths : nil)
        guard let small else {
            return try truthVector(bare.dimension, names: bare.parameterNames) ?? [Double](repeating: 0, count: bare.dimension)
        }
        let smallNet = try truthStep("truth.widths") {
            try MLP(widths: small, activations: Array(repeating: .identity, count: max(small.count - 2, 0)), biases: bare.biases)
        }
        let parameters: [Double]
        if let seed = self.truth?.seed {
            let rng = RandomStream(seed: seed)
            parameters = (0..<smallNet.dimension).map { _ in rng.gaussian() }
        } else {
            parameters = self.truth?.parameters ?? []
            guard parameters.count == smallNet.dimension else {
                throw SpecError(path: "truth.parameters",
                                "expected \(smallNet.dimension) numbers (the truth network's dimension), got \(parameters.count)")
            }
        }
        return try truthStep("truth.widths") { try bare.embedding(widths: small, parameters: parameters) }
    }

    /// A network on its data: synthetic at the truth (`MLP.withSyntheticData`:
    /// gaussian targets or labels drawn from the class probabilities), or a
    /// CSV file (a classifier's labels checked, errors under `data`).
    private func attachData(_ bare: MLP, truth: [Double], _ base: URL?, csvLimit: Int) throws -> MLP {
        switch data {
        case let .synthetic(n, seed, inputs, noise):
            return try truthStep("data") { try bare.withSyntheticData(truth: truth, count: n, inputs: inputs, noise: noise, seed: seed) }
        case .csv, .tensors:
            let d = try readData(base, limit: csvLimit)
            return try truthStep("data") { try bare.withData(d, truth: truth) }
        case nil:
            throw SpecError(path: "data", "missing")
        }
    }

    private func parse(_ text: String, path: String) throws -> Polynomial {
        do { return try Polynomial(parsing: text) } catch { throw SpecError(path: path, "\(error)") }
    }

    private func modelStep<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as SpecError { throw e } catch { throw SpecError(path: "model", "\(error)") }
    }

    private func truthStep<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as SpecError { throw e } catch { throw SpecError(path: path, "\(error)") }
    }

    /// `truth.parameters` checked against the model's dimension (nil if absent).
    private func truthVector(_ d: Int, names: [String]) throws -> [Double]? {
        guard let p = truth?.parameters else { return nil }
        guard p.count == d else {
            let shown = names.count <= 8 ? names.joined(separator: ", ") : names.prefix(8).joined(separator: ", ") + ", …"
            throw SpecError(path: "truth.parameters", "expected \(d) numbers (the model's parameters \(shown)), got \(p.count)")
        }
        return p
    }

    /// The data from a CSV or tensor file (`limit`: the bytes of text or of
    /// tensors the memory budget allows).
    private func readData(_ base: URL?, limit: Int) throws -> Dataset {
        switch data {
        case let .csv(file, inputs, outputs)?:
            return try Dataset.csv(path: csvPath(file, base), inputColumns: inputs, outputColumns: outputs, maximumBytes: limit)
        case let .tensors(t)?:
            return try t.read(base: base, model: model, maximumBytes: limit)
        default:
            throw SpecError(path: "data", "expected csv or tensor data")
        }
    }

    private func attachData<M: RegressionModel>(_ bare: M, truth: [Double], _ base: URL?, csvLimit: Int) throws -> M {
        switch data {
        case let .synthetic(n, seed, inputs, noise):
            let d = try truthStep("data") {
                try Dataset.synthetic(model: bare, truth: truth, count: n, inputs: inputs, noise: noise ?? bare.noise.sigma, seed: seed)
            }
            return try modelStep { try bare.withData(d, truth: truth) }
        case .csv, .tensors:
            let d = try readData(base, limit: csvLimit)
            return try modelStep { try bare.withData(d, truth: truth) }
        case nil:
            throw SpecError(path: "data", "missing")
        }
    }
}

extension Experiment {
    /// A one-line description for report titles.
    public var summary: String {
        switch model {
        case .potential(let m): return "potential K = \(m.k)"
        case .polynomialRegression(let m): return "regression y = Q(w)·x + ε, Q = \(m.q)"
        default: return "\(spec.model.kind) (d = \(model.dimension))"
        }
    }
}
