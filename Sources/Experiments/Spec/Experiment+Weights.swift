import Models
import TensorFiles

/// Checkpoints and the model's parameter vector, through the one mapping
/// between named tensors (a PyTorch `state_dict`) and w:
/// `ModelSpec.expectedLayers` (for an MLP, layer l is `nn.Sequential` module
/// 2l: `2l.weight` [H_{l+1}, H_l], PyTorch's [out, in], and `2l.bias`).
extension Experiment {
    /// The named tensors of the model's parameters; throws for a model without layers.
    public func weightLayers() throws -> [TensorFile.ExpectedLayer] {
        guard let layers = spec.model.expectedLayers else {
            throw SpecError(path: "model.kind", "a \(spec.model.kind) model has no layers to read from or write to a weights file")
        }
        return layers
    }

    /// w from a weights file: tensors matched to the model's layers by name,
    /// file order or `map` (`TensorFile.layers`), each checked finite.
    public func parameters(from file: TensorFile, map: [String: String]? = nil) throws -> [Double] {
        try ModelSpec.parameters(from: file, layers: weightLayers(), map: map)
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
