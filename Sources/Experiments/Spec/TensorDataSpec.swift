import Foundation
import JSON
import Models
import TensorFiles

/// Data from NumPy arrays (or any file `TensorFile.read` reads):
/// `{"kind": "npz", "file": "data.npz", "inputs": "x", "labels": "y"}` names
/// two arrays of one archive; `{"kind": "npy", "inputs": "x.npy", "labels": "y.npy"}`
/// names two files (paths relative to the spec file). The inputs are floats
/// [n, M] (or [n] when M = 1); `labels` are integer class labels [n] (or
/// [n, 1]) for a softmax or logistic head, `targets` float outputs [n, N]
/// (or [n] when N = 1) for a gaussian one.
public struct TensorDataSpec: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        /// Two arrays of one archive (`np.savez`; a safetensors file reads the same way).
        case npz
        /// Two files, one array each (`np.save`).
        case npy
    }

    public var format: Format
    /// npz: the archive; nil for npy.
    public var file: String?
    /// npz: the inputs' array name; npy: the inputs' file.
    public var inputs: String
    /// npz: the outputs' array name; npy: their file.
    public var outputs: String
    /// Whether the outputs are class labels (`labels`) rather than `targets`.
    public var labels: Bool

    public init(format: Format, file: String?, inputs: String, outputs: String, labels: Bool) {
        self.format = format
        self.file = file
        self.inputs = inputs
        self.outputs = outputs
        self.labels = labels
    }

    /// The spec key of the outputs.
    public var outputsKey: String { labels ? "labels" : "targets" }

    init(reader r: inout SpecReader, format: Format) throws {
        self.format = format
        file = format == .npz ? try r.required("file", Read.nonEmptyString) : nil
        inputs = try r.required("inputs", Read.nonEmptyString)
        let labels = try r.optional("labels", Read.nonEmptyString)
        let targets = try r.optional("targets", Read.nonEmptyString)
        switch (labels, targets) {
        case let (l?, nil): outputs = l; self.labels = true
        case let (nil, t?): outputs = t; self.labels = false
        case (_?, _?): throw SpecError(path: r.child("targets"), "give labels (a classifier's) or targets (a regression's), not both")
        case (nil, nil): throw SpecError(path: r.child("labels"), "missing; give labels (integer classes) or targets (float outputs)")
        }
    }

    var json: [String: JSONValue] {
        var o: [String: JSONValue] = ["kind": .string(format.rawValue), "inputs": .string(inputs), outputsKey: .string(outputs)]
        if let file { o["file"] = .string(file) }
        return o
    }

    /// The files to read, resolved against the spec's folder.
    func paths(base: URL?) -> [String] {
        func resolve(_ f: String) -> String { f.hasPrefix("/") || base == nil ? f : base!.appendingPathComponent(f).path }
        switch format {
        case .npz: return [resolve(file!)]
        case .npy: return [resolve(inputs), resolve(outputs)]
        }
    }

    /// Reads the two arrays and checks them against the model's sizes
    /// (`shape`: inputs M, output columns N; 1 for a classifier's labels).
    /// Errors name the field (`data.inputs`, `data.labels`) and the shapes.
    func read(base: URL?, model: ModelSpec, maximumBytes: Int) throws -> Dataset {
        let limits = TensorFileLimits(maximumBytes: max(1, min(maximumBytes, TensorFileLimits.default.maximumBytes)))
        let files = paths(base: base)
        let x: Tensor, y: Tensor, xSource: String, ySource: String
        do {
            switch format {
            case .npz:
                let file = try TensorFile.read(path: files[0], limits: limits)
                func named(_ name: String, _ key: String) throws -> Tensor {
                    guard let t = file.tensors.first(where: { $0.name == name }) else {
                        throw SpecError(path: "data.\(key)", "\(files[0]) has no array \"\(name)\"; it has "
                                        + file.tensors.map { "\($0.name) \($0.shapeDescription)" }.joined(separator: ", "))
                    }
                    return t
                }
                x = try named(inputs, "inputs")
                y = try named(outputs, outputsKey)
                xSource = files[0]; ySource = files[0]
            case .npy:
                func single(_ path: String, _ key: String) throws -> Tensor {
                    let file = try TensorFile.read(path: path, limits: limits)
                    guard file.tensors.count == 1 else {
                        throw SpecError(path: "data.\(key)", "\(path) holds \(file.tensors.count) arrays; expected one")
                    }
                    return file.tensors[0]
                }
                x = try single(files[0], "inputs")
                y = try single(files[1], outputsKey)
                xSource = files[0]; ySource = files[1]
            }
        } catch let error as TensorFileError {
            throw SpecError(path: "data", "\(error)")
        }
        guard let shape = model.shape else { throw SpecError(path: "data", "a \(model.kind) model takes no data") }
        let n = x.shape.first ?? 1
        func columns(_ t: Tensor, _ key: String, _ width: Int, _ what: String) throws -> Void {
            let fits = (t.shape.count == 2 && t.shape[1] == width) || (t.shape.count == 1 && width == 1)
            guard fits else {
                throw SpecError(path: "data.\(key)", "the array \(t.name) has shape \(t.shapeDescription); the model needs "
                                + "[n, \(width)]\(width == 1 ? " or [n]" : "") (\(width) \(what))")
            }
        }
        try columns(x, "inputs", shape.inputs, "inputs")
        guard n > 0 else { throw SpecError(path: "data.inputs", "the array \(x.name) has no rows") }
        try columns(y, outputsKey, shape.outputs, labels ? "label column" : "outputs")
        guard y.shape[0] == n else {
            throw SpecError(path: "data.\(outputsKey)", "the array \(y.name) has \(y.shape[0]) rows, the inputs \(x.name) \(n)")
        }
        do { try x.checkFinite(file: xSource) } catch let error as TensorFileError {
            throw SpecError(path: "data.inputs", "\(error)")
        }
        let outputs: [Double]
        do {
            if labels {
                outputs = try y.labels(file: ySource).map(Double.init)
            } else {
                try y.checkFinite(file: ySource)
                outputs = y.values
            }
        } catch let error as TensorFileError {
            throw SpecError(path: "data.\(outputsKey)", "\(error)")
        }
        do {
            return try Dataset(inputs: x.values, outputs: outputs, inputDimension: shape.inputs, outputDimension: shape.outputs,
                               source: xSource)
        } catch {
            throw SpecError(path: "data", "\(error)")
        }
    }
}
