import Foundation
import Testing
import TensorFiles
import ZIPFoundation

/// Hostile and broken files: each is refused with a TensorFileError naming
/// the file, the tensor when known, and what was expected; none traps.
@Suite struct MalformedTests {
    // MARK: safetensors

    @Test func shapeDisagreeingWithOffsetsNamesTensorAndBytes() {
        let data = Fixtures.safetensors(header: #"{"0.weight":{"dtype":"F64","shape":[64,20],"data_offsets":[0,5120]}}"#,
                                        buffer: [UInt8](repeating: 0, count: 5120))
        let e = Fixtures.error { try TensorFile.decode(data, source: "weights.safetensors") }
        #expect(e?.description == "weights.safetensors: tensor \"0.weight\": shape [64, 20] needs 10240 bytes of F64, data_offsets give 5120")
    }

    @Test(arguments: [
        // (header, buffer bytes, tensor named, words in the message)
        (#"{"a":{"dtype":"F64","shape":[4611686018427387904,4],"data_offsets":[0,8]}}"#, 8, "a", "more elements than can be counted"),
        (#"{"a":{"dtype":"F64","shape":[-1],"data_offsets":[0,8]}}"#, 8, "a", "shape[0] is -1"),
        (#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,16]}}"#, 8, "a", "not a range inside the 8-byte data buffer"),
        (#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[8,0]}}"#, 8, "a", "not a range"),
        (#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[1],"data_offsets":[4,12]}}"#, 12, "b", "overlap the bytes of tensor \"a\""),
        (#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}}"#, 16, "a", "leaving bytes 0..<8 of the buffer unused"),
        (#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#, 12, "", "the tensors cover 8"),
        (#"{"a":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}"#, 1, "a", "dtype \"F8_E4M3\" is not supported"),
        (#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8],"extra":1}}"#, 8, "a", "unknown key \"extra\""),
        (#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#, 8, "", "duplicate key \"a\""),
        (#"{"a":{"dtype":"F64","shape":[1]}}"#, 8, "a", "data_offsets is missing"),
        (#"{"a":{"dtype":"F64","shape":"1","data_offsets":[0,8]}}"#, 8, "a", "shape is \"1\""),
        (#"{"a":{"dtype":"F64","shape":[1.5],"data_offsets":[0,8]}}"#, 8, "a", "shape[0] is 1.5"),
        (#"{"__metadata__":{"k":1}}"#, 0, "", "__metadata__.k is 1; expected a string"),
        (#"{"a":{"dtype":"BOOL","shape":[1],"data_offsets":[0,1]}}"#, -7, "a", "expected 0 or 1"),
        (#"{"a":{"dtype":"U64","shape":[1],"data_offsets":[0,8]}}"#, -1, "a", "above the largest exact integer"),
        (#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}"#, 8, "", "header byte"),
        (#"[1, 2]"#, 0, "", "expected a JSON object"),
    ])
    func badSafetensorsHeadersAreRefused(_ header: String, _ buffer: Int, _ tensor: String, _ says: String) {
        // A negative buffer size means that many bytes of 0xFF (a bool of 255, a U64 of 2^64 − 1).
        let bytes = buffer >= 0 ? [UInt8](repeating: 0, count: buffer) : [UInt8](repeating: 0xFF, count: -buffer == 7 ? 1 : 8)
        let data = header.hasPrefix("{") ? Fixtures.safetensors(header: header, buffer: bytes)
                                         : Fixtures.safetensors(header: "{}", buffer: []).prefix(8) + Data("[1, 2]  ".utf8)
        let e = Fixtures.error { try TensorFile.decodeSafetensors(data, source: "w.safetensors") }
        #expect(e?.file == "w.safetensors")
        #expect((e?.tensor ?? "") == tensor, "\(String(describing: e))")
        #expect(e?.message.contains(says) == true, "\(String(describing: e))")
    }

    @Test func headerLengthIsCheckedAgainstFileAndLimit() throws {
        var data = try Fixtures.data("mlp-f64.safetensors")
        data.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 1, 0, 0])  // 2^40
        #expect(Fixtures.error { try TensorFile.decode(data, source: "w") }?.message.contains("more than the limit") == true)
        data.replaceSubrange(0..<8, with: [0, 0, 0, 1, 0, 0, 0, 0])  // 16 MB, under the cap but past the end
        #expect(Fixtures.error { try TensorFile.decode(data, source: "w") }?.message.contains("runs past the end of the file") == true)
        #expect(Fixtures.error { try TensorFile.decodeSafetensors(Data([1, 2, 3]), source: "w") }?.message.contains("truncated") == true)
    }

    @Test func deepNestingIsRefused() {
        let header = #"{"__metadata__":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let e = Fixtures.error { try TensorFile.decode(Fixtures.safetensors(header: header, buffer: []), source: "w") }
        #expect(e?.message.contains("nested more than 256 deep") == true, "\(String(describing: e))")
    }

    @Test func decodedSizeIsBoundedBeforeAllocation() throws {
        // 1000 U8 labels are 1000 bytes in the file but 16 000 decoded (a Double and an Int64 each).
        let data = Fixtures.safetensors(header: #"{"a":{"dtype":"U8","shape":[1000],"data_offsets":[0,1000]}}"#,
                                        buffer: [UInt8](repeating: 1, count: 1000))
        let e = Fixtures.error { try TensorFile.decode(data, source: "w", limits: .init(maximumBytes: 8000)) }
        #expect(e?.description == "w: tensor \"a\": decoding shape [1000] would take the tensors past the limit of 8000 bytes")
        #expect(try TensorFile.decode(data, source: "w", limits: .init(maximumBytes: 16_000)).tensors[0].count == 1000)
    }

    // MARK: npy

    @Test(arguments: [
        ("<f8", "<c8", "descr '<c8' is not supported"),
        ("<f8", "|f8", "no valid byte order"),
        ("(3, 2)", "(3, 9)", "truncated: shape [3, 9] needs 216 bytes of <f8, the file has 48"),
        ("(3, 2)", "(3, 1)", "expected no trailing bytes"),
        ("(3, 2)", "(3,-2)", "expected a size"),
        ("(3, 2)", "(9999999999999999999,)", "size too large"),
        ("'shape'", "'shapf'", "unknown key 'shapf'"),
        ("'fortran_order': False", "'descr': '<f8'", "given twice"),
        ("False", "Flase", "expected True or False"),
        ("'descr': '<f8'", "'descr': [1, 2]", "structured dtypes are not supported"),
    ])
    func badNpyHeadersAreRefused(_ from: String, _ to: String, _ says: String) throws {
        // Replace within the header and keep its length: trim or add spaces before the newline.
        var bytes = Array(try Fixtures.data("x-v1.npy"))
        let newline = bytes.firstIndex(of: 0x0A)!
        var header = String(decoding: bytes[10..<newline], as: UTF8.self).replacingOccurrences(of: from, with: to)
        while header.utf8.count > newline - 10, header.hasSuffix(" ") { header.removeLast() }
        while header.utf8.count < newline - 10 { header += " " }
        bytes.replaceSubrange(10..<newline, with: Array(header.utf8))
        let e = Fixtures.error { try TensorFile.decodeNpy(Data(bytes), source: "x.npy", name: "x") }
        #expect(e?.tensor == "x")
        #expect(e?.message.contains(says) == true, "\(String(describing: e))")
    }

    @Test func npyPreambleIsChecked() throws {
        var bytes = Array(try Fixtures.data("x-v1.npy"))
        bytes[6] = 4
        #expect(Fixtures.error { try TensorFile.decodeNpy(Data(bytes), source: "x.npy", name: "x") }?.message
                == "format version 4.0 is not supported; expected 1.0, 2.0 or 3.0")
        bytes[6] = 1
        bytes[8] = 0xFF; bytes[9] = 0xFF
        #expect(Fixtures.error { try TensorFile.decodeNpy(Data(bytes), source: "x.npy", name: "x") }?.message.contains("runs past the end") == true)
        bytes = Array(try Fixtures.data("x-v1.npy"))
        bytes[20] = 0xE9
        #expect(Fixtures.error { try TensorFile.decodeNpy(Data(bytes), source: "x.npy", name: "x") }?.message.contains("non-ASCII") == true)
    }

    // MARK: npz

    /// A zip made with ZIPFoundation from (name, bytes) pairs.
    static func zip(_ members: [(String, Data)], compression: CompressionMethod) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in members {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return archive.data!
    }

    @Test func zipBombIsRefusedByDeclaredSize() throws {
        let zeros = try TensorFile.encodeNpy(Tensor(name: "z", shape: [1 << 20], values: [Double](repeating: 0, count: 1 << 20)))
        let bomb = try Self.zip([("z.npy", zeros)], compression: .deflate)
        #expect(bomb.count < 100_000)
        let e = Fixtures.error { try TensorFile.decode(bomb, source: "bomb.npz", limits: .init(maximumBytes: 4 << 20)) }
        #expect(e?.file == "bomb.npz/z.npy")
        #expect(e?.message.contains("declares 8388736 bytes uncompressed") == true, "\(String(describing: e))")
        // Under a larger limit the same archive reads.
        #expect(try TensorFile.decode(bomb, source: "bomb.npz", limits: .init(maximumBytes: 64 << 20)).tensors[0].count == 1 << 20)
    }

    @Test func zipBombWithALyingSizeStopsWhileInflating() throws {
        let zeros = try TensorFile.encodeNpy(Tensor(name: "z", shape: [1 << 20], values: [Double](repeating: 0, count: 1 << 20)))
        var bytes = Array(try Self.zip([("z.npy", zeros)], compression: .deflate))
        // Declare 1000 bytes uncompressed in the local header (offset 22) and the central directory entry (offset 24).
        func patch(_ signature: [UInt8], _ field: Int) {
            let at = (0..<(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == signature }!
            bytes.replaceSubrange((at + field)..<(at + field + 4), with: [0xE8, 0x03, 0, 0])
        }
        patch([0x50, 0x4B, 0x03, 0x04], 22)
        patch([0x50, 0x4B, 0x01, 0x02], 24)
        let e = Fixtures.error { try TensorFile.decode(Data(bytes), source: "bomb.npz") }
        #expect(e?.tensor == "z")
        #expect(e?.message.contains("past its declared size of 1000 bytes") == true, "\(String(describing: e))")
    }

    @Test func corruptAndOddArchivesAreRefused() throws {
        var stored = Array(try Fixtures.data("data-stored.npz"))
        // Flip a data byte of the first member (past its local header and its name): the CRC no longer matches.
        stored[30 + 5 + 140] ^= 0x01
        let crc = Fixtures.error { try TensorFile.decode(Data(stored), source: "d.npz") }
        #expect(crc?.tensor == "x", "\(String(describing: crc))")

        let npy = try Fixtures.data("x-v1.npy")
        let twice = try Self.zip([("a.npy", npy), ("a.npy", npy)], compression: .none)
        #expect(Fixtures.error { try TensorFile.decode(twice, source: "t.npz") }?.message.contains("twice") == true)
        let text = try Self.zip([("notes.txt", Data("hi".utf8))], compression: .none)
        #expect(Fixtures.error { try TensorFile.decode(text, source: "t.npz") }?.message.contains("not an .npy file") == true)
        let badMember = try Self.zip([("a.npy", Data("not numpy".utf8))], compression: .deflate)
        let m = Fixtures.error { try TensorFile.decode(badMember, source: "t.npz") }
        #expect(m?.file == "t.npz/a.npy")
        #expect(m?.tensor == "a")
    }

    /// A central directory said to start past the end of the archive: ZIPFoundation's
    /// in-memory archive traps on it (a negative read size), so `decodeNpz`
    /// reads through a temporary file, where it is a failed read.
    @Test func centralDirectoryPastTheEndIsRefused() throws {
        var bytes = Array(try Fixtures.data("data-stored.npz"))
        let eocd = (0..<(bytes.count - 4)).last { Array(bytes[$0..<($0 + 4)]) == [0x50, 0x4B, 0x05, 0x06] }!
        bytes.replaceSubrange((eocd + 16)..<(eocd + 20), with: [0x00, 0xFF, 0xFF, 0x7F])
        let e = Fixtures.error { try TensorFile.decode(Data(bytes), source: "d.npz") }
        #expect(e?.file.hasPrefix("d.npz") == true, "\(String(describing: e))")
    }

    // MARK: every truncation and every byte flip

    /// Every prefix of every fixture is refused with a TensorFileError (the
    /// empty prefix included); none traps and none is accepted.
    @Test(arguments: Fixtures.names)
    func everyTruncationIsRefused(_ name: String) throws {
        let data = try Fixtures.data(name)
        for n in 0..<data.count {
            let e = Fixtures.error { try TensorFile.decode(data.prefix(n), source: name) }
            #expect(e != nil && e?.file.hasPrefix(name) == true, "\(name) cut to \(n) bytes: \(String(describing: e))")
        }
    }

    /// Every single-byte change either still decodes or throws a TensorFileError.
    @Test(arguments: Fixtures.names)
    func everyByteFlipDecodesOrThrowsTensorFileError(_ name: String) throws {
        let data = Array(try Fixtures.data(name))
        for i in 0..<data.count {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var bytes = data
                bytes[i] ^= mask
                let e = Fixtures.error { try TensorFile.decode(Data(bytes), source: name) }
                #expect(e.map { !$0.file.hasPrefix("?") } ?? true, "\(name) byte \(i) ^ \(mask): \(String(describing: e))")
            }
        }
    }
}
