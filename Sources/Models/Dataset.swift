/// Regression data: n inputs x_i ∈ R^M and outputs y_i ∈ R^N, stored row-major
/// in two contiguous arrays (sample i's input is `inputs[i*M ..< (i+1)*M]`).
public struct Dataset: Sendable, Hashable {
    /// n × M inputs, row-major.
    public let inputs: [Double]
    /// n × N outputs, row-major.
    public let outputs: [Double]
    /// n, the number of samples.
    public let count: Int
    /// M, the input size.
    public let inputDimension: Int
    /// N, the output size.
    public let outputDimension: Int
    /// The law the inputs were drawn from, when the data are synthetic; models
    /// use it for the closed-form population loss K(w). `nil` for real data.
    public let inputDistribution: InputDistribution?
    /// Where the data came from (`synthetic n=1000 seed=1`, a file path).
    public let source: String

    /// Data from arrays; throws if their sizes do not match n × M and n × N.
    public init(inputs: [Double], outputs: [Double], inputDimension: Int, outputDimension: Int,
                inputDistribution: InputDistribution? = nil, source: String = "arrays") throws {
        guard inputDimension > 0, outputDimension > 0 else {
            throw DatasetError.shape("input and output sizes must be positive, got \(inputDimension) and \(outputDimension)")
        }
        guard inputs.count % inputDimension == 0 else {
            throw DatasetError.shape("\(inputs.count) input values is not a multiple of the input size \(inputDimension)")
        }
        let n = inputs.count / inputDimension
        guard outputs.count == n * outputDimension else {
            throw DatasetError.shape("\(n) inputs need \(n * outputDimension) output values, got \(outputs.count)")
        }
        self.inputs = inputs
        self.outputs = outputs
        self.count = n
        self.inputDimension = inputDimension
        self.outputDimension = outputDimension
        self.inputDistribution = inputDistribution
        self.source = source
    }

    /// A dataset with no samples, for a model that is about to be given data.
    public static func empty(inputDimension: Int, outputDimension: Int) -> Dataset {
        Dataset(unchecked: [], [], 0, inputDimension, outputDimension, nil, "empty")
    }

    init(unchecked inputs: [Double], _ outputs: [Double], _ count: Int, _ m: Int, _ n: Int,
         _ law: InputDistribution?, _ source: String) {
        self.inputs = inputs
        self.outputs = outputs
        self.count = count
        self.inputDimension = m
        self.outputDimension = n
        self.inputDistribution = law
        self.source = source
    }
}

/// A dataset that cannot be built or read; the description names the file,
/// line and column (1-based) when there is one.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    case shape(String)
    case file(path: String, message: String)
    case cell(path: String, line: Int, column: Int, message: String)
    case row(path: String, line: Int, message: String)

    public var description: String {
        switch self {
        case let .shape(message): return message
        case let .file(path, message): return "\(path): \(message)"
        case let .cell(path, line, column, message): return "\(path):\(line):\(column): \(message)"
        case let .row(path, line, message): return "\(path):\(line): \(message)"
        }
    }
}
