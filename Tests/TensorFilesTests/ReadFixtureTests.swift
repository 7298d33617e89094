import Foundation
import Testing
import TensorFiles

/// The files written by NumPy and the safetensors package decode to the
/// values the fixture script wrote (all multiples of 1/8, exact in every type).
@Suite struct ReadFixtureTests {
    @Test(arguments: ["mlp-f64", "mlp-f32", "mlp-f16"])
    func safetensorsFromThePackageReadInDataOrder(_ stem: String) throws {
        let file = try TensorFile.read(path: Fixtures.path("\(stem).safetensors"))
        #expect(file.format == .safetensors)
        // The safetensors package lays same-typed tensors out by name.
        #expect(file.names == ["0.bias", "0.weight", "2.bias", "2.weight"])
        for t in file.tensors {
            let expected = try #require(Fixtures.mlp[t.name])
            #expect(t.shape == expected.shape, "\(t.name)")
            #expect(t.values == expected.values, "\(t.name)")
            #expect(t.integers == nil)
        }
        #expect(file.tensors.map(\.dtype) == Array(repeating: [.float64, .float32, .float16][["mlp-f64", "mlp-f32", "mlp-f16"].firstIndex(of: stem)!], count: 4))
        if stem == "mlp-f64" {
            #expect(file.metadata == ["format": "pt", "source": "make-tensor-fixtures"])
        }
    }

    @Test func bf16FileIsOrderedByOffsetNotByHeaderKeys() throws {
        let file = try TensorFile.read(path: Fixtures.path("mlp-bf16.safetensors"))
        // Header keys are sorted (0.bias first); the data is in module order.
        #expect(file.names == ["0.weight", "0.bias", "2.weight", "2.bias"])
        for t in file.tensors {
            #expect(t.dtype == .bfloat16)
            #expect(t.values == Fixtures.mlp[t.name]!.values, "\(t.name)")
        }
    }

    @Test func integerAndBoolSafetensorsKeepExactIntegers() throws {
        let file = try TensorFile.read(path: Fixtures.path("labels-i32.safetensors"))
        let labels = try #require(file["labels"])
        #expect(labels.dtype == .int32)
        #expect(labels.integers == [0, 1, 2, 1, 0])
        #expect(labels.values == [0, 1, 2, 1, 0])
        #expect(try labels.labels(file: file.source) == [0, 1, 2, 1, 0])
        let mask = try #require(file["mask"])
        #expect(mask.dtype == .bool)
        #expect(mask.integers == [1, 0, 1])
    }

    @Test(arguments: ["x-v1.npy", "x-v2.npy", "x-v3.npy"])
    func npyVersionsRead(_ name: String) throws {
        let file = try TensorFile.read(path: Fixtures.path(name))
        #expect(file.format == .npy)
        let t = try #require(file.tensors.first)
        #expect(t.name == String(name.dropLast(4)))
        #expect(t.shape == [3, 2])
        #expect(t.dtype == .float64)
        #expect(t.values == Fixtures.ramp(6, 3))
    }

    @Test func bigEndianFortranScalarAndLabelsNpy() throws {
        let big = try TensorFile.read(path: Fixtures.path("x-big-endian.npy")).tensors[0]
        #expect(big.dtype == .float32)
        #expect(big.shape == [2, 3])
        #expect(big.values == Fixtures.ramp(6, 5))
        // Written from np.asfortranarray: the file holds column-major bytes, the tensor is C order.
        let fortran = try TensorFile.read(path: Fixtures.path("x-fortran.npy")).tensors[0]
        #expect(fortran.shape == [2, 3, 2])
        #expect(fortran.values == Fixtures.ramp(12, 7))
        let scalar = try TensorFile.read(path: Fixtures.path("scalar-f2.npy")).tensors[0]
        #expect(scalar.shape == [])
        #expect(scalar.values == [1.5])
        let labels = try TensorFile.read(path: Fixtures.path("labels-i64.npy")).tensors[0]
        #expect(labels.dtype == .int64)
        #expect(labels.integers == [0, 1, 2, 1, 0, 2])
        #expect(try labels.labels(file: "labels-i64.npy") == [0, 1, 2, 1, 0, 2])
    }

    @Test(arguments: ["data-stored.npz", "data-compressed.npz"])
    func npzReadsInArchiveOrder(_ name: String) throws {
        let file = try TensorFile.read(path: Fixtures.path(name))
        #expect(file.format == .npz)
        #expect(file.names == ["x", "y", "w", "flags"])
        #expect(file["x"]?.values == Fixtures.ramp(6, 3))
        #expect(file["x"]?.shape == [3, 2])
        #expect(file["y"]?.integers == [0, 1, 2, 1, 0, 2])
        #expect(file["w"]?.dtype == .float32)
        #expect(file["w"]?.values == Fixtures.ramp(4, 9))
        #expect(file["flags"]?.dtype == .uint8)
        #expect(file["flags"]?.integers == [1, 0, 1])
    }

    @Test func formatComesFromTheBytesNotTheExtension() throws {
        let data = try Fixtures.data("mlp-f64.safetensors")
        let file = try TensorFile.decode(data, source: "weights.npy")
        #expect(file.format == .safetensors)
        let npz = try TensorFile.decode(try Fixtures.data("data-stored.npz"), source: "data.safetensors")
        #expect(npz.format == .npz)
        let e = Fixtures.error { try TensorFile.decode(Data("hello, world".utf8), source: "notes.txt") }
        #expect(e?.description.hasPrefix("notes.txt: not a safetensors, .npy or .npz file") == true, "\(String(describing: e))")
    }

    @Test func specialFilesAreRefused() throws {
        let dir = Fixtures.error { try TensorFile.read(path: Fixtures.directory.path) }
        #expect(dir?.message.contains("not a regular file") == true)
        let missing = Fixtures.error { try TensorFile.read(path: "/nonexistent/w.safetensors") }
        #expect(missing?.file == "/nonexistent/w.safetensors")
        let tooBig = Fixtures.error { try TensorFile.read(path: Fixtures.path("mlp-f64.safetensors"), limits: .init(maximumBytes: 100)) }
        #expect(tooBig?.message.contains("more than the limit of 100") == true, "\(String(describing: tooBig))")
    }
}
