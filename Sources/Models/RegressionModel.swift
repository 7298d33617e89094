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

    /// The same model on other data (with the same input and output sizes).
    func withData(_ data: Dataset) throws -> Self
}

extension RegressionModel {
    /// Checks that `data` has this model's input and output sizes.
    func checkShape(of data: Dataset) throws {
        guard data.inputDimension == inputDimension, data.outputDimension == outputDimension else {
            throw DatasetError.shape(
                "the model takes \(inputDimension) inputs and \(outputDimension) outputs; "
                + "the data have \(data.inputDimension) inputs and \(data.outputDimension) outputs")
        }
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
