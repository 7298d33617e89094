/// Matching a file's tensors to the parameters a model expects, e.g. an
/// MLP's `[("0.weight", [64, 20]), ("0.bias", [64]), ("2.weight", [1, 64]), ("2.bias", [1])]`
/// (PyTorch `nn.Sequential` names: the module's index, then `weight`/`bias`;
/// `Linear.weight` is [out, in]).
extension TensorFile {
    /// One parameter the model expects.
    public struct ExpectedLayer: Sendable, Hashable {
        public var name: String
        public var shape: [Int]

        public init(name: String, shape: [Int]) {
            self.name = name
            self.shape = shape
        }
    }

    /// How the file's tensors were matched.
    public enum LayerMatch: Sendable, Hashable {
        /// By name; `prefix` is what every file name had before the expected
        /// one (`"model."` for a Sequential inside a module; empty for none).
        case names(prefix: String)
        /// By position in file order (the file's names differ from the expected ones).
        case fileOrder
        /// Through the caller's map from expected names to file names.
        case explicitMap
    }

    /// The matched tensors in the order of `expected`, how they were matched,
    /// and the file's tensors left unused (in file order).
    public struct LayerAssignment: Sendable, Hashable {
        public var tensors: [Tensor]
        public var match: LayerMatch
        public var unused: [String]
    }

    /// Matches the file's tensors to `expected`:
    /// (c) through `map` (expected name → file name; unmapped names are looked
    /// up as they are) when one is given; else (a) by name, when every expected
    /// name is in the file, perhaps behind one common prefix (`model.0.weight`);
    /// else (b) by file order, when the file has exactly as many tensors as expected.
    /// Every match is checked against the expected shape; errors name the
    /// tensor, its shape and the shape expected.
    public func layers(_ expected: [ExpectedLayer], map: [String: String]? = nil) throws -> LayerAssignment {
        var seen = Set<String>()
        for layer in expected where !seen.insert(layer.name).inserted {
            throw TensorFileError(file: source, tensor: layer.name, "expected twice in the model's layer list")
        }
        let byName = Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let chosen: [Tensor]
        let match: LayerMatch
        if let map {
            var out: [Tensor] = []
            var used = Set<String>()
            for layer in expected {
                let fileName = map[layer.name] ?? layer.name
                guard let t = byName[fileName] else {
                    throw TensorFileError(file: source, tensor: fileName,
                                          "not in the file (mapped from the model's \"\(layer.name)\"); the file has \(namesSummary)")
                }
                guard used.insert(fileName).inserted else {
                    throw TensorFileError(file: source, tensor: fileName, "mapped to two of the model's layers")
                }
                out.append(t)
            }
            for key in map.keys.sorted() where !expected.contains(where: { $0.name == key }) {
                throw TensorFileError(file: source, "the map names \"\(key)\", which is not one of the model's layers ("
                                      + expected.map(\.name).joined(separator: ", ") + ")")
            }
            chosen = out
            match = .explicitMap
        } else if let prefix = commonPrefix(expected, byName) {
            chosen = expected.map { byName[prefix + $0.name]! }
            match = .names(prefix: prefix)
        } else if tensors.count == expected.count {
            chosen = tensors
            match = .fileOrder
        } else {
            let missing = expected.first { byName[$0.name] == nil }!
            throw TensorFileError(file: source, tensor: missing.name,
                                  "the model expects \(expected.count) tensors (\(expected.map(\.name).joined(separator: ", "))); "
                                  + "the file has \(tensors.count) (\(namesSummary)), so neither names nor file order match; "
                                  + "give a map from the model's names to the file's")
        }
        for (layer, t) in zip(expected, chosen) where t.shape != layer.shape {
            let how: String
            switch match {
            case .names: how = ""
            case .fileOrder: how = " (matched by file order)"
            case .explicitMap: how = " (mapped)"
            }
            throw TensorFileError(file: source, tensor: t.name,
                                  "shape \(t.shapeDescription) does not fit the model's \"\(layer.name)\"\(how), which needs "
                                  + "[" + layer.shape.map(String.init).joined(separator: ", ") + "]")
        }
        let usedNames = Set(chosen.map(\.name))
        return LayerAssignment(tensors: chosen, match: match, unused: names.filter { !usedNames.contains($0) })
    }

    /// Convenience: `layers` with (name, shape) pairs.
    public func layers(_ expected: [(String, [Int])], map: [String: String]? = nil) throws -> LayerAssignment {
        try layers(expected.map { ExpectedLayer(name: $0.0, shape: $0.1) }, map: map)
    }

    /// The prefix p (possibly empty) with every `p + name` in the file; the
    /// shortest when several fit.
    private func commonPrefix(_ expected: [ExpectedLayer], _ byName: [String: Tensor]) -> String? {
        guard let first = expected.first else { return "" }
        let candidates = names.filter { $0 == first.name || $0.hasSuffix("." + first.name) }
            .map { String($0.dropLast(first.name.count)) }
            .sorted { ($0.count, $0) < ($1.count, $1) }
        return candidates.first { p in expected.allSatisfy { byName[p + $0.name] != nil } }
    }

    private var namesSummary: String {
        let shown = tensors.prefix(12).map { "\($0.name) \($0.shapeDescription)" }
        return shown.joined(separator: ", ") + (tensors.count > 12 ? ", …" : "")
    }
}
