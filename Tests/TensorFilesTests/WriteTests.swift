import Foundation
import Testing
import TensorFiles

/// The encoders: what they write reads back the same, and the `.npy` bytes
/// are NumPy's own (np.save of the same array).
@Suite struct WriteTests {
    static let tensors = [
        Tensor(name: "0.weight", shape: [2, 3], values: [1, -2.5, 0.1, 1e-300, -0.0, 3]),
        Tensor(name: "0.bias", shape: [2], values: [0.25, -7]),
        Tensor(name: "labels", shape: [4], integers: [0, 3, -1, Int64.max]),
        Tensor(name: "scalar", shape: [], values: [42]),
        Tensor(name: "empty", shape: [0, 5], values: []),
    ]

    @Test func safetensorsF64RoundTripsExactlyInOrder() throws {
        let data = try TensorFile.encodeSafetensors(Self.tensors, metadata: ["epoch": "3", "quote\"d": "a\nb"])
        let file = try TensorFile.decodeSafetensors(data, source: "out.safetensors")
        #expect(file.names == Self.tensors.map(\.name))
        #expect(file.metadata == ["epoch": "3", "quote\"d": "a\nb"])
        for (a, b) in zip(file.tensors, Self.tensors) {
            #expect(a.shape == b.shape)
            #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern), "\(a.name)")
            #expect(a.integers == b.integers)
        }
        // The header is padded to 8 bytes, so the buffer is aligned for F64.
        let headerLength = data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        #expect(headerLength % 8 == 0)
    }

    @Test func safetensorsF32RoundsToFloat() throws {
        let data = try TensorFile.encodeSafetensors(Array(Self.tensors.prefix(2)), dtype: .float32)
        let file = try TensorFile.decode(data, source: "out.safetensors")
        #expect(file.tensors[0].dtype == .float32)
        #expect(file.tensors[0].values == [1, -2.5, Double(Float(0.1)), 0, -0.0, 3])
        let e = Fixtures.error { try TensorFile.encodeSafetensors([Tensor(name: "big", shape: [1], values: [1e300])], dtype: .float32) }
        #expect(e?.tensor == "big")
        #expect(e?.message.contains("beyond F32's range") == true)
    }

    @Test func npyRoundTripsAndMatchesNumPyBytes() throws {
        for t in Self.tensors {
            let back = try TensorFile.decodeNpy(try TensorFile.encodeNpy(t), source: "t.npy", name: t.name)
            #expect(back.shape == t.shape)
            #expect(back.values.map(\.bitPattern) == t.values.map(\.bitPattern))
            #expect(back.integers == t.integers)
        }
        // np.save(ramp((3, 2), 3)) and np.save(int64 labels), byte for byte.
        let x = Tensor(name: "x-v1", shape: [3, 2], values: Fixtures.ramp(6, 3))
        #expect(try TensorFile.encodeNpy(x) == (try Fixtures.data("x-v1.npy")))
        let y = Tensor(name: "labels-i64", shape: [6], integers: [0, 1, 2, 1, 0, 2])
        #expect(try TensorFile.encodeNpy(y) == (try Fixtures.data("labels-i64.npy")))
    }

    @Test func writersRefuseInconsistentTensors() {
        let ragged = Tensor(name: "w", shape: [2, 2], values: [1, 2, 3])
        #expect(Fixtures.error { try TensorFile.encodeSafetensors([ragged]) }?.description
                == "safetensors: tensor \"w\": shape [2, 2] does not match its 3 values")
        #expect(Fixtures.error { try TensorFile.encodeNpy(ragged, source: "w.npy") }?.tensor == "w")
        let twice = [Tensor(name: "a", shape: [1], values: [1]), Tensor(name: "a", shape: [1], values: [2])]
        #expect(Fixtures.error { try TensorFile.encodeSafetensors(twice) }?.message.contains("given twice") == true)
        let reserved = Tensor(name: "__metadata__", shape: [1], values: [1])
        #expect(Fixtures.error { try TensorFile.encodeSafetensors([reserved]) } != nil)
        #expect(Fixtures.error { try TensorFile.encodeSafetensors([], dtype: .float16) } != nil)
    }

    @Test func nonFiniteValuesAreReadAndReportedOnRequest() throws {
        let t = Tensor(name: "0.weight", shape: [2, 2], values: [1, 2, .nan, .infinity])
        let file = try TensorFile.decode(try TensorFile.encodeSafetensors([t]), source: "w.safetensors")
        let read = file.tensors[0]
        #expect(read.firstNonFiniteIndex == 2)
        let e = Fixtures.error { try read.checkFinite(file: file.source) }
        #expect(e?.description == "w.safetensors: tensor \"0.weight\": element [1, 0] is nan; expected finite values")
        #expect(Fixtures.error { try read.labels(file: "w") }?.message.contains("whole numbers") == true)
    }
}
