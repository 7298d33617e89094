import Estimators
import Foundation
import Models
import Sampling
import TensorFiles
import Testing
@testable import Experiments

/// Weights and data from PyTorch/NumPy files: `truth.file` (safetensors,
/// `.npz`), `weightsMap`, npz/npy data, and their errors.
@Suite struct WeightsFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func dlnSpec(truth: String, data: String = #"{"kind": "synthetic", "n": 10000, "seed": 1}"#) -> String {
        #"{"model": {"kind": "deepLinearNetwork", "widths": [4, 2, 4, 4]}, "truth": \#(truth), "data": \#(data)}"#
    }

    static func build(_ json: String, base: URL = fixtures) throws -> Experiment {
        try ExperimentSpec.decode(Data(json.utf8)).build(baseDirectory: base)
    }

    /// The fixture's numbers, in the model's layout (W1, W2, W3 row-major).
    static func fixtureParameters() throws -> [Double] {
        let file = try TensorFile.read(path: fixtures.appendingPathComponent("dln-4-2-4-4-rank-1.npz").path)
        return ["0.weight", "1.weight", "2.weight"].flatMap { name in file.tensors.first { $0.name == name }!.values }
    }

    @Test func safetensorsAndNpzGiveTheSameTruthAsNumbers() throws {
        let a = try Self.build(Self.dlnSpec(truth: #"{"file": "dln-4-2-4-4-rank-1.safetensors"}"#))
        let b = try Self.build(Self.dlnSpec(truth: #"{"file": "dln-4-2-4-4-rank-1.npz"}"#))
        let numbers = try Self.fixtureParameters()
        let c = try Self.build(Self.dlnSpec(truth: #"{"parameters": [\#(numbers.map { "\($0)" }.joined(separator: ", "))]}"#))
        #expect(a.truth == numbers)
        #expect(b.truth == numbers)
        #expect(c.truth == numbers)
        // The experiment keeps the spec as written (the file, not 32 numbers).
        #expect(a.spec.truth?.file == "dln-4-2-4-4-rank-1.safetensors")
        #expect(a.spec.truth?.parameters == nil)
    }

    @Test func weightsMapRenamesTensors() throws {
        let dir = try TestDirectory()
        let numbers = try Self.fixtureParameters()
        let tensors = [Tensor(name: "enc.weight", shape: [2, 4], values: Array(numbers[0..<8])),
                       Tensor(name: "mid.weight", shape: [4, 2], values: Array(numbers[8..<16])),
                       Tensor(name: "dec.weight", shape: [4, 4], values: Array(numbers[16..<32]))]
        // Deliberately written in another order than the model's: the map decides.
        try TensorFile.encodeSafetensors([tensors[2], tensors[0], tensors[1]]).write(to: dir.url.appendingPathComponent("w.safetensors"))
        let e = try Self.build(Self.dlnSpec(truth: #"{"file": "w.safetensors", "weightsMap": {"0.weight": "enc.weight", "1.weight": "mid.weight", "2.weight": "dec.weight"}}"#),
                               base: dir.url)
        #expect(e.truth == numbers)
        // Without the map: the names do not match, the count does, so file
        // order is tried, and the first tensor's shape [4, 4] does not fit 0.weight [2, 4].
        #expect(throws: SpecError.self) { try Self.build(Self.dlnSpec(truth: #"{"file": "w.safetensors"}"#), base: dir.url) }
        do {
            _ = try Self.build(Self.dlnSpec(truth: #"{"file": "w.safetensors"}"#), base: dir.url)
        } catch let error as SpecError {
            #expect(error.path == "truth.file")
            #expect(error.description.contains("dec.weight") && error.description.contains("[4, 4]") && error.description.contains("[2, 4]"))
        }
    }

    @Test func layerNamesFollowPyTorch() {
        let mlp = ModelSpec.mlp(widths: [4, 8, 8, 3], activations: [.tanh, .relu], biases: true, head: .softmax)
        #expect(mlp.expectedLayers?.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
        #expect(mlp.expectedLayers?.map(\.shape) == [[8, 4], [8], [8, 8], [8], [3, 8], [3]])
        #expect(ModelSpec.deepLinearNetwork(widths: [3, 2, 5], sigma: 1).expectedLayers?.map(\.name) == ["0.weight", "1.weight"])
        #expect(ModelSpec.reducedRankRegression(inputs: 5, outputs: 4, hidden: 2, sigma: 1).expectedLayers?.map(\.shape) == [[2, 5], [4, 2]])
        #expect(ModelSpec.linearRegression(inputs: 3, outputs: 2, bias: true, sigma: 1).expectedLayers?.map(\.name) == ["weight", "bias"])
        #expect(ModelSpec.potential(k: "w^2", variables: nil, n: 10).expectedLayers == nil)
    }

    @Test(arguments: [
        (#"{"file": "w.safetensors", "rank": 1}"#, "truth.file", "not both"),
        (#"{"weightsMap": {"0.weight": "a"}}"#, "truth.weightsMap", "truth.file too"),
        (#"{"file": "w.safetensors", "weightsMap": {"0.weight": 3}}"#, "truth.weightsMap.0.weight", "string"),
        (#"{"file": "missing.safetensors"}"#, "truth.file", "missing.safetensors"),
    ])
    func badTruthFiles(_ truth: String, _ path: String, _ fragment: String) throws {
        #expect {
            _ = try Self.build(Self.dlnSpec(truth: truth))
        } throws: { error in
            guard let e = error as? SpecError else { return false }
            return e.path == path && e.description.contains(fragment)
        }
    }

    @Test func npzAndNpyData() throws {
        let dir = try TestDirectory()
        let n = 50
        let x = Tensor(name: "x", shape: [n, 4], values: (0..<(4 * n)).map { Double($0 % 7) / 7 })
        let y = Tensor(name: "y", shape: [n], integers: (0..<n).map { Int64($0 % 3) })
        try TensorFile.encodeNpy(x).write(to: dir.url.appendingPathComponent("x.npy"))
        try TensorFile.encodeNpy(y).write(to: dir.url.appendingPathComponent("y.npy"))
        let model = #"{"kind": "mlp", "widths": [4, 5, 3], "activations": "tanh", "head": "softmax"}"#
        let e = try Self.build(#"{"model": \#(model), "truth": {"seed": 1}, "data": {"kind": "npy", "inputs": "x.npy", "labels": "y.npy"}}"#, base: dir.url)
        guard case let .mlp(m) = e.model else { Issue.record("not an mlp"); return }
        #expect(m.data.count == n)
        #expect(m.data.inputs == x.values)
        #expect(m.data.outputs == (0..<n).map { Double($0 % 3) })
        // Wrong widths: the error names the field and both shapes.
        let wide = #"{"kind": "mlp", "widths": [3, 5, 3], "activations": "tanh", "head": "softmax"}"#
        #expect {
            _ = try Self.build(#"{"model": \#(wide), "data": {"kind": "npy", "inputs": "x.npy", "labels": "y.npy"}}"#, base: dir.url)
        } throws: { error in
            (error as? SpecError)?.path == "data.inputs" && "\(error)".contains("[50, 4]") && "\(error)".contains("[n, 3]")
        }
        // A gaussian model's outputs are targets, a classifier's labels.
        #expect(throws: SpecError.self) {
            _ = try ExperimentSpec.decode(Data(#"{"model": \#(model), "data": {"kind": "npy", "inputs": "x.npy", "targets": "y.npy"}}"#.utf8))
        }
    }
}

/// A fresh temporary directory, removed when the value goes.
final class TestDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rlct-weights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
