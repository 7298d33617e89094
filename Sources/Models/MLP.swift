/// A multilayer perceptron with a likelihood head: widths d_in = H_0, H_1, …,
/// H_L = d_out, a_0 = x, z_l = W_l a_{l−1} + b_l, a_l = φ_l(z_l) for the
/// hidden layers l < L, and the output f(x) = z_L read by the head:
///
/// - `gaussian(σ)`: y ∈ ℝ^{d_out}, −log p = |y − f|²/(2σ²) + (d_out/2) log(2πσ²)
///   (the constants kept, as every regression model here);
/// - `softmax`: y a class label 0…K−1 (K = d_out ≥ 2) stored as an exact
///   double, −log p = logsumexp(f) − f_y;
/// - `logistic`: y ∈ {0, 1}, one output unit, −log p = log(1 + e^{∓f});
/// - `pinnedSoftmax`: y a class label 0…K−1 with K = d_out + 1, the logits
///   (f, 0) (the last class pinned at 0), −log p = logsumexp(f, 0) − (f, 0)_y.
///
/// L_n(w) = −(1/n) Σ log p(y_i | x_i, w). Layout of w: PyTorch's order, layer
/// after layer: W_l (H_l × H_{l−1}, row-major, the `weight` of
/// `nn.Linear`), then b_l (H_l) when `biases` is true. Loss and gradient run
/// on whole batches as matrix products through BLAS (`MLP+Kernels.swift`).
public struct MLP: Model {
    public typealias Workspace = MLPWorkspace

    /// H_0 (inputs), H_1, …, H_L (outputs).
    public let widths: [Int]
    /// φ_l of each hidden layer (L − 1 of them).
    public let activations: [Activation]
    /// Whether every layer has a bias b_l.
    public let biases: Bool
    /// The likelihood of y given the output f(x).
    public let head: Head
    /// How the parameters are named (`W1[0,0]`, or the tanh network's `a`, `c`, `b`, `d`).
    public let naming: Naming
    /// The data L_n averages over (for a classification head, one column of labels).
    public let data: Dataset
    /// The parameter the data were drawn from, when known.
    public let truth: [Double]?
    /// The format of the matrix products (`MLP+Precision.swift`).
    public let precision: Precision
    /// The data's inputs in float32, row after row, when `precision` is
    /// `single` (empty otherwise): converted once, read by every product.
    let singleInputs: [Float]
    /// Start of W_l and of b_l in w, for each layer.
    @usableFromInline let weightOffsets: [Int]
    @usableFromInline let biasOffsets: [Int]
    public let dimension: Int

    /// How `parameterNames` spells the parameters.
    public enum Naming: Sendable, Hashable {
        /// `W1[i,j]`, `b1[i]`, `W2[i,j]`, … (layer l counted from 1).
        case layers
        /// One hidden layer: `a[j,q]`, `c[j]`, `b[r,j]`, `d[r]` (the tanh network's names).
        case tanhNetwork
    }

    /// d_in.
    public var inputDimension: Int { widths[0] }
    /// d_out, the number of output units.
    public var outputDimension: Int { widths[widths.count - 1] }
    /// L, the number of weight layers.
    public var depth: Int { widths.count - 1 }
    public var sampleCount: Int { data.count }
    /// K, the number of classes of a classifier: d_out for softmax, 2 for
    /// logistic, d_out + 1 for pinnedSoftmax (nil for the gaussian head).
    public var classCount: Int? { Self.classCount(head: head, outputs: outputDimension) }

    static func classCount(head: Head, outputs k: Int) -> Int? {
        switch head {
        case .gaussian: return nil
        case .softmax: return k
        case .logistic: return 2
        case .pinnedSoftmax: return k + 1
        }
    }

    /// Columns of the data's y: d_out for a gaussian head, 1 (the label) for a classifier.
    public var targetDimension: Int { head.isClassifier ? 1 : outputDimension }

    public var parameterNames: [String] {
        switch naming {
        case .tanhNetwork:
            return ParameterNames.matrix("a", rows: widths[1], columns: widths[0])
                + (biases ? ParameterNames.vector("c", count: widths[1]) : [])
                + ParameterNames.matrix("b", rows: widths[2], columns: widths[1])
                + (biases ? ParameterNames.vector("d", count: widths[2]) : [])
        case .layers:
            return (0..<depth).flatMap { l in
                ParameterNames.matrix("W\(l + 1)", rows: widths[l + 1], columns: widths[l])
                    + (biases ? ParameterNames.vector("b\(l + 1)", count: widths[l + 1]) : [])
            }
        }
    }

    /// Throws `ModelError` naming the setting (`widths[1]`, `activations`,
    /// `sigma`, `head`) or the data sample that does not fit.
    public init(widths: [Int], activations: [Activation], biases: Bool = true, head: Head = .gaussian(GaussianNoise(sigma: 1)),
                naming: Naming = .layers, data: Dataset? = nil, truth: [Double]? = nil, precision: Precision = .double) throws {
        guard widths.count >= 2 else { throw ModelError("widths: an MLP needs at least two widths (input and output), got \(widths.count)") }
        for (i, h) in widths.enumerated() where h <= 0 { throw ModelError("widths[\(i)] must be a positive integer, got \(h)") }
        guard activations.count == widths.count - 2 else {
            throw ModelError("activations: expected one per hidden layer (\(widths.count - 2)), got \(activations.count)")
        }
        let out = widths[widths.count - 1]
        switch head {
        case let .gaussian(noise):
            guard noise.sigma > 0, noise.sigma.isFinite else { throw ModelError("sigma must be positive and finite, got \(noise.sigma)") }
        case .softmax:
            guard out >= 2 else { throw ModelError("head: a softmax head needs at least 2 output units (classes), got \(out)") }
        case .logistic:
            guard out == 1 else { throw ModelError("head: a logistic head needs exactly 1 output unit, got \(out)") }
        case .pinnedSoftmax:
            break  // K = d_out + 1 ≥ 2 classes
        }
        if naming == .tanhNetwork && widths.count != 3 {
            throw ModelError("the tanh network's names need one hidden layer, got \(widths.count - 2)")
        }
        var wo = [Int](), bo = [Int](), d = 0
        for l in 0..<(widths.count - 1) {
            let (size, o1) = widths[l].multipliedReportingOverflow(by: widths[l + 1])
            let (next, o2) = d.addingReportingOverflow(size + (biases ? widths[l + 1] : 0))
            guard !o1, !o2 else { throw ModelError("widths: the number of parameters overflows") }
            wo.append(d)
            bo.append(d + size)
            d = next
        }
        self.widths = widths
        self.activations = activations
        self.biases = biases
        self.head = head
        self.naming = naming
        weightOffsets = wo
        biasOffsets = bo
        dimension = d
        let data = data ?? .empty(inputDimension: widths[0], outputDimension: head.isClassifier ? 1 : out)
        self.data = data
        self.truth = truth
        self.precision = precision
        singleInputs = precision == .single ? data.inputs.map { Float($0) } : []
        try Self.check(data, widths: widths, head: head)
        if let truth, truth.count != dimension { throw ModelError("the truth has \(truth.count) parameters, the model \(dimension)") }
    }

    /// Checks the data's sizes, and a classifier's labels.
    static func check(_ data: Dataset, widths: [Int], head: Head) throws {
        let m = widths[0], k = widths[widths.count - 1]
        let yWidth = head.isClassifier ? 1 : k
        guard data.inputDimension == m, data.outputDimension == yWidth else {
            throw DatasetError.shape(
                "the model takes \(m) inputs and \(yWidth) \(head.isClassifier ? "label column" : "outputs"); "
                + "the data have \(data.inputDimension) inputs and \(data.outputDimension) outputs")
        }
        guard head.isClassifier else { return }
        let classes = classCount(head: head, outputs: k)!
        for (i, y) in data.outputs.enumerated() where !(y >= 0 && y < Double(classes) && y == y.rounded(.towardZero)) {
            throw DatasetError.shape("sample \(i + 1): a \(head.name) head expects a class label 0…\(classes - 1), got \(y)")
        }
    }

    /// The same network on other data.
    public func withData(_ data: Dataset, truth: [Double]?) throws -> MLP {
        try MLP(widths: widths, activations: activations, biases: biases, head: head, naming: naming, data: data, truth: truth,
                precision: precision)
    }

    /// The same network and data with its products in `precision`.
    public func withPrecision(_ precision: Precision) throws -> MLP {
        try MLP(widths: widths, activations: activations, biases: biases, head: head, naming: naming, data: data, truth: truth,
                precision: precision)
    }

    /// The data's samples are what L_n averages.
    public var hasPerSampleData: Bool { true }

    /// The same network on the first k samples of its data (same truth).
    public func withSampleCount(_ k: Int) throws -> MLP? {
        let d = data
        guard k >= 1, k <= d.count else { throw ModelError("the data have \(d.count) samples, n = \(k) asked") }
        let prefix = try Dataset(inputs: Array(d.inputs.prefix(k * d.inputDimension)), outputs: Array(d.outputs.prefix(k * d.outputDimension)),
                                 inputDimension: d.inputDimension, outputDimension: d.outputDimension,
                                 inputDistribution: d.inputDistribution, source: "\(d.source), first \(k)")
        return try withData(prefix, truth: truth)
    }

    /// No closed form for E_x over the units: nil.
    public func populationLoss(_ w: [Double]) -> Double? { nil }
}
