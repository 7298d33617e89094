import Foundation
import Testing
import TensorFiles

/// Matching a file's tensors to the parameters an MLP expects.
@Suite struct LayerTests {
    static let mlp: [(String, [Int])] = [("0.weight", [4, 3]), ("0.bias", [4]), ("2.weight", [1, 4]), ("2.bias", [1])]

    @Test func sequentialNamesMatchWhateverTheFileOrder() throws {
        let file = try TensorFile.read(path: Fixtures.path("mlp-f64.safetensors"))
        let a = try file.layers(Self.mlp)
        #expect(a.match == .names(prefix: ""))
        #expect(a.tensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        #expect(a.tensors[0].values == Fixtures.mlp["0.weight"]!.values)
        #expect(a.unused.isEmpty)
    }

    @Test func aCommonPrefixIsFound() throws {
        let file = try TensorFile.read(path: Fixtures.path("mlp-f32.safetensors"))
        var renamed = file
        renamed.tensors = file.tensors.map { var t = $0; t.name = "model.net." + t.name; return t }
        renamed.tensors.append(Tensor(name: "model.temperature", shape: [], values: [1]))
        let a = try renamed.layers(Self.mlp)
        #expect(a.match == .names(prefix: "model.net."))
        #expect(a.tensors.map(\.name) == ["model.net.0.weight", "model.net.0.bias", "model.net.2.weight", "model.net.2.bias"])
        #expect(a.unused == ["model.temperature"])
    }

    @Test func otherNamesMatchByFileOrderWithShapeChecks() throws {
        let file = try TensorFile.read(path: Fixtures.path("mlp-bf16.safetensors"))  // data order = module order
        let expected: [(String, [Int])] = [("W1", [4, 3]), ("b1", [4]), ("W2", [1, 4]), ("b2", [1])]
        let a = try file.layers(expected)
        #expect(a.match == .fileOrder)
        #expect(a.tensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        // The safetensors package's order (0.bias first) does not fit: the error names tensor and shapes.
        let sorted = try TensorFile.read(path: Fixtures.path("mlp-f16.safetensors"))
        let e = Fixtures.error { try sorted.layers(expected) }
        #expect(e?.description == "\(sorted.source): tensor \"0.bias\": shape [4] does not fit the model's \"W1\" (matched by file order), which needs [4, 3]")
    }

    @Test func anExplicitMapIsFollowed() throws {
        let file = try TensorFile.read(path: Fixtures.path("mlp-f64.safetensors"))
        let expected: [(String, [Int])] = [("W1", [4, 3]), ("b1", [4])]
        let a = try file.layers(expected, map: ["W1": "0.weight", "b1": "0.bias"])
        #expect(a.match == .explicitMap)
        #expect(a.tensors.map(\.name) == ["0.weight", "0.bias"])
        #expect(a.unused == ["2.bias", "2.weight"])
        #expect(Fixtures.error { try file.layers(expected, map: ["W1": "0.weight", "b1": "0.weight"]) }?.message.contains("two of the model's layers") == true)
        #expect(Fixtures.error { try file.layers(expected, map: ["W1": "9.weight", "b1": "0.bias"]) }?.tensor == "9.weight")
        #expect(Fixtures.error { try file.layers(expected, map: ["W1": "0.weight", "b1": "0.bias", "W9": "2.bias"]) }?.message.contains("\"W9\"") == true)
    }

    @Test func mismatchesNameTensorAndShapes() throws {
        let file = try TensorFile.read(path: Fixtures.path("mlp-f64.safetensors"))
        let wrong: [(String, [Int])] = [("0.weight", [3, 4]), ("0.bias", [4]), ("2.weight", [1, 4]), ("2.bias", [1])]
        #expect(Fixtures.error { try file.layers(wrong) }?.description
                == "\(file.source): tensor \"0.weight\": shape [4, 3] does not fit the model's \"0.weight\", which needs [3, 4]")
        let more = Self.mlp + [("4.weight", [1, 1])]
        let e = Fixtures.error { try file.layers(more) }
        #expect(e?.tensor == "4.weight")
        #expect(e?.message.contains("the model expects 5 tensors") == true, "\(String(describing: e))")
    }
}
