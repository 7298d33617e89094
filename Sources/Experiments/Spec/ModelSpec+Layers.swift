import Foundation
import TensorFiles

extension ModelSpec {
    /// The tensors a weights file holds for this model, named as PyTorch's
    /// `state_dict()` names them, in the order of the model's parameter layout
    /// (every model here stores `Linear.weight` [out, in] row-major, then the bias):
    ///
    /// - `mlp`, `tanhNetwork`, `reluNetwork`: `nn.Sequential(Linear, Act, Linear, …)`,
    ///   so layer l is module 2l: `0.weight`, `0.bias`, `2.weight`, `2.bias`, …;
    /// - `deepLinearNetwork`: `nn.Sequential(Linear(bias=False), …)` with no
    ///   activations: `0.weight`, `1.weight`, …;
    /// - `reducedRankRegression` (y = B A x): `0.weight` = A [H, M], `1.weight` = B [N, H];
    /// - `linearRegression`: one `nn.Linear`: `weight` [N, M], then `bias` [N] when it has one.
    ///
    /// nil for `polynomialRegression` and `potential`, which have no layers.
    public var expectedLayers: [TensorFile.ExpectedLayer]? {
        func sequential(_ widths: [Int], biases: Bool, stride: Int) -> [TensorFile.ExpectedLayer] {
            (0..<(widths.count - 1)).flatMap { l -> [TensorFile.ExpectedLayer] in
                let weight = TensorFile.ExpectedLayer(name: "\(stride * l).weight", shape: [widths[l + 1], widths[l]])
                return biases ? [weight, .init(name: "\(stride * l).bias", shape: [widths[l + 1]])] : [weight]
            }
        }
        switch self {
        case .polynomialRegression, .potential:
            return nil
        case let .linearRegression(m, n, bias, _):
            return [.init(name: "weight", shape: [n, m])] + (bias ? [.init(name: "bias", shape: [n])] : [])
        case let .reducedRankRegression(m, n, h, _):
            return sequential([m, h, n], biases: false, stride: 1)
        case let .deepLinearNetwork(widths, _):
            return sequential(widths, biases: false, stride: 1)
        case let .tanhNetwork(m, n, h, biases, _):
            return sequential([m, h, n], biases: biases, stride: 2)
        case let .reluNetwork(widths, biases, _), let .mlp(widths, _, biases, _, _):
            return sequential(widths, biases: biases, stride: 2)
        }
    }

    /// The parameter vector w in the model's layout from a weights file
    /// (safetensors, `.npy`, `.npz`; `TensorFile.read`), its tensors matched by
    /// `TensorFile.layers` (PyTorch names, one common prefix allowed, else file
    /// order, or through `map`: the model's name → the file's), every shape
    /// checked and every value finite. Errors are `SpecError`s at `field`
    /// carrying the `TensorFileError`'s text (file, tensor, shapes).
    public func weights(path: String, map: [String: String]?, field: String,
                        maximumBytes: Int = TensorFileLimits.default.maximumBytes) throws -> [Double] {
        guard let expected = expectedLayers else {
            throw SpecError(path: field, "a \(kind) model has no layers to read from a weights file; give its parameters as numbers")
        }
        do {
            let limits = TensorFileLimits(maximumBytes: max(1, min(maximumBytes, TensorFileLimits.default.maximumBytes)))
            return try Self.parameters(from: TensorFile.read(path: path, limits: limits), layers: expected, map: map)
        } catch let error as TensorFileError {
            throw SpecError(path: field, "\(error)")
        }
    }

    /// w from a read file: its tensors matched to `layers` (`TensorFile.layers`),
    /// each checked finite, laid out in the model's parameter order.
    static func parameters(from file: TensorFile, layers: [TensorFile.ExpectedLayer], map: [String: String]?) throws -> [Double] {
        let assignment = try file.layers(layers, map: map)
        var w: [Double] = []
        w.reserveCapacity(layers.reduce(0) { $0 + $1.shape.reduce(1, *) })
        for t in assignment.tensors {
            try t.checkFinite(file: file.source)
            w += t.values
        }
        return w
    }
}
