/// A model y = f(w, x) + ε with Gaussian noise over a `Dataset`: the networks
/// and the polynomial regression. It can predict f(w, x) for one input, which
/// is what synthetic data are drawn from, and be re-attached to new data.
public protocol RegressionModel: Model {
    /// M, the input size.
    var inputDimension: Int { get }
    /// N, the output size.
    var outputDimension: Int { get }
    /// The noise model ε ~ N(0, σ² I_N) of the likelihood.
    var noise: GaussianNoise { get }
    /// The data L_n averages over.
    var data: Dataset { get }

    /// f(w, x) for one input x (length M), written into `output` (length N).
    func predict(_ w: UnsafeBufferPointer<Double>, input: UnsafeBufferPointer<Double>,
                 output: UnsafeMutableBufferPointer<Double>, workspace: inout Workspace)

    /// The true parameter w0 the data were drawn from, when known; with a
    /// synthetic input law it gives the closed-form K(w) = L(w) − L(w0).
    var truth: [Double]? { get }

    /// The same model on other data (with the same input and output sizes)
    /// and, when known, the truth those data were drawn from.
    func withData(_ data: Dataset, truth: [Double]?) throws -> Self
}

extension RegressionModel {
    /// A regression averages its data's samples.
    public var hasPerSampleData: Bool { true }

    /// The same model on the first k samples of its data (same truth).
    public func withSampleCount(_ k: Int) throws -> Self? {
        let d = data
        guard k >= 1, k <= d.count else { throw ModelError("the data have \(d.count) samples, n = \(k) asked") }
        let prefix = try Dataset(inputs: Array(d.inputs.prefix(k * d.inputDimension)), outputs: Array(d.outputs.prefix(k * d.outputDimension)),
                                 inputDimension: d.inputDimension, outputDimension: d.outputDimension,
                                 inputDistribution: d.inputDistribution, source: "\(d.source), first \(k)")
        return try withData(prefix, truth: truth)
    }

    /// Checks that `data` has this model's input and output sizes.
    func checkShape(of data: Dataset) throws {
        guard data.inputDimension == inputDimension, data.outputDimension == outputDimension else {
            throw DatasetError.shape(
                "the model takes \(inputDimension) inputs and \(outputDimension) outputs; "
                + "the data have \(data.inputDimension) inputs and \(data.outputDimension) outputs")
        }
    }

    /// The same model on n synthetic samples drawn at `truth` (see
    /// `Dataset.synthetic(model:truth:count:inputs:noise:seed:)`); the noise
    /// defaults to the model's own σ.
    public func withSyntheticData(truth: [Double], count n: Int, inputs law: InputDistribution = .standardNormal,
                                  noise: Double? = nil, seed: UInt64) throws -> Self {
        let data = try Dataset.synthetic(model: self, truth: truth, count: n, inputs: law,
                                         noise: noise ?? self.noise.sigma, seed: seed)
        return try withData(data, truth: truth)
    }

    /// f(w, x) for one input, allocating; for tests and reports, not hot paths.
    public func predict(_ w: [Double], input: [Double]) -> [Double] {
        var workspace = makeWorkspace(maxBatchSize: 1)
        var out = [Double](repeating: 0, count: outputDimension)
        w.withUnsafeBufferPointer { wp in
            input.withUnsafeBufferPointer { xp in
                out.withUnsafeMutableBufferPointer { op in
                    predict(wp, input: xp, output: op, workspace: &workspace)
                }
            }
        }
        return out
    }
}
