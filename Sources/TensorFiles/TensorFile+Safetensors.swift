import Foundation
import JSON

/// safetensors (huggingface/safetensors, `docs/` "Format"): an 8-byte
/// little-endian header length N, N bytes of JSON
/// `{"name": {"dtype": "F32", "shape": [64, 20], "data_offsets": [b, e]}, …,
/// "__metadata__": {"k": "v"}}`, then the byte buffer; offsets are relative
/// to the buffer, little-endian, and the tensors tile it without gaps.
extension TensorFile {
    /// Decodes a safetensors file, checking the header against the file
    /// size and `limits`, every shape against its byte range, and the ranges
    /// against each other (no overlap, no gap, none past the end).
    public static func decodeSafetensors(_ data: Data, source: String,
                                         limits: TensorFileLimits = .default) throws -> TensorFile {
        try data.withUnsafeBytes { raw in try decodeSafetensors(raw, source: source, limits: limits) }
    }

    private struct Entry {
        var name: String
        var dtype: DType
        var shape: [Int]
        var count: Int
        var begin: Int
        var end: Int
    }

    private static func decodeSafetensors(_ raw: UnsafeRawBufferPointer, source: String,
                                          limits: TensorFileLimits) throws -> TensorFile {
        func fail(_ tensor: String? = nil, at offset: Int? = nil, _ message: String) -> TensorFileError {
            TensorFileError(file: source, tensor: tensor, offset: offset, message)
        }
        guard raw.count >= 8 else {
            throw fail(at: 0, "truncated: \(raw.count) bytes; a safetensors file starts with an 8-byte header length")
        }
        let declared = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        guard declared <= UInt64(limits.maximumHeaderBytes) else {
            throw fail(at: 0, "header length \(declared) is more than the limit of \(limits.maximumHeaderBytes) bytes")
        }
        let headerLength = Int(declared)
        guard headerLength <= raw.count - 8 else {
            throw fail(at: 0, "truncated: the header length \(headerLength) runs past the end of the file (\(raw.count) bytes)")
        }
        let header = Data(raw[8..<(8 + headerLength)])
        let json: JSONValue
        do { json = try JSONValue.parse(header, source: "header") } catch {
            throw fail(at: 8 + error.offset, "header byte \(8 + error.offset): \(error.message)")
        }
        guard case let .object(members) = json else {
            throw fail(at: 8, "the header is \(json.summary); expected a JSON object of tensors")
        }
        guard members.count <= limits.maximumTensors + 1 else {
            throw fail(at: 8, "the header lists \(members.count) entries, more than the limit of \(limits.maximumTensors)")
        }
        let bufferStart = 8 + headerLength
        let bufferLength = raw.count - bufferStart
        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        var decodedBytes = 0
        // Sorted so the first error reported does not depend on Dictionary order.
        for name in members.keys.sorted() {
            let value = members[name]!
            if name == "__metadata__" {
                guard case let .object(pairs) = value else {
                    throw fail(at: 8, "__metadata__ is \(value.summary); expected an object of strings")
                }
                for key in pairs.keys.sorted() {
                    guard case let .string(s) = pairs[key]! else {
                        throw fail(at: 8, "__metadata__.\(key) is \(pairs[key]!.summary); expected a string")
                    }
                    metadata[key] = s
                }
                continue
            }
            guard !name.isEmpty else { throw fail(at: 8, "a tensor has the empty name \"\"; expected a name") }
            guard case let .object(info) = value else {
                throw fail(name, at: 8, "its header entry is \(value.summary); expected {\"dtype\", \"shape\", \"data_offsets\"}")
            }
            for key in info.keys.sorted() where !["dtype", "shape", "data_offsets"].contains(key) {
                throw fail(name, at: 8, "unknown key \"\(key)\"; expected only dtype, shape and data_offsets")
            }
            guard case let .string(dtypeName)? = info["dtype"] else {
                throw fail(name, at: 8, "dtype is \(info["dtype"]?.summary ?? "missing"); expected a string such as \"F32\"")
            }
            guard let dtype = DType(rawValue: dtypeName) else {
                throw fail(name, at: 8, "dtype \"\(dtypeName)\" is not supported; expected one of "
                           + DType.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard case let .array(dims)? = info["shape"] else {
                throw fail(name, at: 8, "shape is \(info["shape"]?.summary ?? "missing"); expected an array of sizes")
            }
            guard dims.count <= limits.maximumRank else {
                throw fail(name, at: 8, "shape has \(dims.count) dimensions, more than the limit of \(limits.maximumRank)")
            }
            var shape: [Int] = []
            for (axis, d) in dims.enumerated() {
                guard case let .integer(n) = d, n >= 0, n <= Int64(Int.max) else {
                    throw fail(name, at: 8, "shape[\(axis)] is \(d.summary); expected a size ≥ 0")
                }
                shape.append(Int(n))
            }
            let shown = "[" + shape.map(String.init).joined(separator: ", ") + "]"
            guard case let .array(offsets)? = info["data_offsets"], offsets.count == 2,
                  case let .integer(b) = offsets[0], case let .integer(e) = offsets[1] else {
                throw fail(name, at: 8, "data_offsets is \(info["data_offsets"]?.summary ?? "missing"); expected [begin, end] byte offsets")
            }
            guard b >= 0, b <= e, e <= Int64(bufferLength) else {
                throw fail(name, at: 8, "data_offsets [\(b), \(e)] are not a range inside the \(bufferLength)-byte data buffer")
            }
            guard let count = ElementCodec.elementCount(shape),
                  let bytes = ElementCodec.product(count, dtype.byteWidth) else {
                throw fail(name, at: 8, "shape \(shown) has more elements than can be counted")
            }
            guard Int64(bytes) == e - b else {
                throw fail(name, at: 8, "shape \(shown) needs \(bytes) bytes of \(dtype.rawValue), data_offsets give \(e - b)")
            }
            guard let decoded = ElementCodec.decodedBytes(count: count, dtype: dtype),
                  case let (total, false) = decodedBytes.addingReportingOverflow(decoded),
                  total <= limits.maximumBytes else {
                throw fail(name, at: 8, "decoding shape \(shown) would take the tensors past the limit of \(limits.maximumBytes) bytes")
            }
            decodedBytes = total
            entries.append(Entry(name: name, dtype: dtype, shape: shape, count: count, begin: Int(b), end: Int(e)))
        }
        // File order is data order; ties (empty tensors) by name.
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var expected = 0
        var previous: String?
        for entry in entries {
            guard entry.begin >= expected else {
                throw fail(entry.name, at: bufferStart + entry.begin,
                           "data_offsets [\(entry.begin), \(entry.end)] overlap the bytes of tensor \"\(previous ?? "?")\" (which end at \(expected))")
            }
            guard entry.begin == expected else {
                throw fail(entry.name, at: bufferStart + expected,
                           "data_offsets begin at \(entry.begin), leaving bytes \(expected)..<\(entry.begin) of the buffer unused; expected \(expected)")
            }
            expected = entry.end
            previous = entry.name
        }
        guard expected == bufferLength else {
            throw fail(at: bufferStart + expected,
                       "the data buffer has \(bufferLength) bytes but the tensors cover \(expected); expected no trailing bytes")
        }
        var tensors: [Tensor] = []
        tensors.reserveCapacity(entries.count)
        for entry in entries {
            let bytes = UnsafeRawBufferPointer(rebasing: raw[(bufferStart + entry.begin)..<(bufferStart + entry.end)])
            let (values, integers) = try ElementCodec.decode(bytes, dtype: entry.dtype, bigEndian: false, count: entry.count,
                                                             file: source, tensor: entry.name, shape: entry.shape)
            tensors.append(Tensor(name: entry.name, shape: entry.shape, dtype: entry.dtype, values: values, integers: integers))
        }
        return TensorFile(source: source, format: .safetensors, tensors: tensors, metadata: metadata)
    }

    /// The safetensors bytes of `tensors`, in the given order: floating
    /// tensors as `dtype` (F64 or F32), integer tensors as I64, the header
    /// padded with spaces to a multiple of 8 bytes. `source` names the file in errors.
    public static func encodeSafetensors(_ tensors: [Tensor], dtype: DType = .float64,
                                         metadata: [String: String] = [:], source: String = "safetensors") throws -> Data {
        guard dtype == .float64 || dtype == .float32 else {
            throw TensorFileError(file: source, "cannot write floating tensors as \(dtype.rawValue); expected F64 or F32")
        }
        var seen = Set<String>()
        var header = "{"
        var body: [UInt8] = []
        if !metadata.isEmpty {
            header += "\"__metadata__\":{"
            header += metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }.joined(separator: ",")
            header += "},"
        }
        for tensor in tensors {
            try checkWritable(tensor, source: source)
            guard tensor.name != "__metadata__" else {
                throw TensorFileError(file: source, tensor: tensor.name, "the name __metadata__ is reserved for the file's metadata")
            }
            guard seen.insert(tensor.name).inserted else {
                throw TensorFileError(file: source, tensor: tensor.name, "given twice; tensor names must be unique")
            }
            let stored: DType = tensor.integers != nil ? .int64 : dtype
            let begin = body.count
            try ElementCodec.append(tensor, as: stored, to: &body, file: source)
            header += "\(jsonString(tensor.name)):{\"dtype\":\"\(stored.rawValue)\",\"shape\":["
                + tensor.shape.map(String.init).joined(separator: ",") + "],\"data_offsets\":[\(begin),\(body.count)]},"
        }
        if header.hasSuffix(",") { header.removeLast() }
        header += "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }
        var out: [UInt8] = []
        out.reserveCapacity(8 + headerBytes.count + body.count)
        ElementCodec.appendLittleEndian(UInt64(headerBytes.count), to: &out)
        out += headerBytes
        out += body
        return Data(out)
    }

    /// This file as safetensors bytes (its tensors in order, its metadata).
    public func safetensorsData(dtype: DType = .float64) throws -> Data {
        try Self.encodeSafetensors(tensors, dtype: dtype, metadata: metadata, source: source)
    }

    /// A tensor can be written when its values fill its shape.
    static func checkWritable(_ tensor: Tensor, source: String) throws {
        guard !tensor.name.isEmpty else { throw TensorFileError(file: source, "a tensor has an empty name; expected a name") }
        guard let count = ElementCodec.elementCount(tensor.shape), count == tensor.values.count,
              tensor.integers.map({ $0.count == count }) ?? true else {
            throw TensorFileError(file: source, tensor: tensor.name,
                                  "shape \(tensor.shapeDescription) does not match its \(tensor.values.count) values")
        }
    }

    /// A JSON string literal (quotes, backslashes and control characters escaped).
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
