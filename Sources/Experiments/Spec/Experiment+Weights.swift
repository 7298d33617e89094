import Models
import TensorFiles

/// Weights files and the model's parameter vector: the one mapping between
/// named tensors (a PyTorch `state_dict`) and w, used by checkpoints,
/// `--weights` and a spec's `truth.file`.
///
/// An MLP is named as the `nn.Sequential` that builds it: Linear layers with
/// an activation between them, so layer l (from 0) is module 2l and its
/// tensors are `2l.weight` ([H_{l+1}, H_l], PyTorch's [out, in]) and `2l.bias`.
extension MLP {
    /// The (name, shape) of every tensor, in parameter order.
    public var sequentialLayers: [TensorFile.ExpectedLayer] {
        (0..<depth).flatMap { l -> [TensorFile.ExpectedLayer] in
            let weight = TensorFile.ExpectedLayer(name: "\(2 * l).weight", shape: [widths[l + 1], widths[l]])
            return biases ? [weight, TensorFile.ExpectedLayer(name: "\(2 * l).bias", shape: [widths[l + 1]])] : [weight]
        }
    }
}

extension Experiment {
    /// The named tensors of the model's parameters; throws unless the model is a network with layers.
    public func weightLayers() throws -> [TensorFile.ExpectedLayer] {
        guard case let .mlp(network) = model else {
            throw SpecError(path: "model.kind", "weights files are read and written for networks (kind mlp, tanhNetwork, reluNetwork); this model is \(spec.model.kind)")
        }
        return network.sequentialLayers
    }

    /// w from a weights file: tensors matched to the model's layers by name,
    /// file order or `map` (`TensorFile.layers`), each checked finite, then
    /// laid out in the model's parameter order.
    public func parameters(from file: TensorFile, map: [String: String]? = nil) throws -> [Double] {
        let assignment = try file.layers(weightLayers(), map: map)
        var w: [Double] = []
        w.reserveCapacity(model.dimension)
        for tensor in assignment.tensors {
            try tensor.checkFinite(file: file.source)
            w += tensor.values
        }
        return w
    }

    /// The tensors of w, named as `parameters(from:)` reads them.
    public func tensors(of w: [Double]) throws -> [Tensor] {
        let layers = try weightLayers()
        guard w.count == model.dimension else {
            throw SpecError(path: "parameters", "expected \(model.dimension) numbers, got \(w.count)")
        }
        var offset = 0
        return layers.map { layer in
            let size = layer.shape.reduce(1, *)
            defer { offset += size }
            return Tensor(name: layer.name, shape: layer.shape, values: Array(w[offset..<(offset + size)]))
        }
    }
}
