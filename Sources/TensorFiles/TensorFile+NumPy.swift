import Foundation

/// NumPy `.npy` files (format versions 1.0, 2.0 and 3.0; see `NumPyFormat`).
extension TensorFile {
    /// Decodes one `.npy` array named `name`: any supported type in either
    /// byte order, C or Fortran order (Fortran arrays are transposed to C
    /// order). The data must be exactly the shape's bytes.
    public static func decodeNpy(_ data: Data, source: String, name: String,
                                 limits: TensorFileLimits = .default) throws -> Tensor {
        try data.withUnsafeBytes { raw in try decodeNpy(raw, source: source, name: name, limits: limits) }
    }

    private static func decodeNpy(_ raw: UnsafeRawBufferPointer, source: String, name: String,
                                  limits: TensorFileLimits) throws -> Tensor {
        func fail(at offset: Int? = nil, _ message: String) -> TensorFileError {
            TensorFileError(file: source, tensor: name, offset: offset, message)
        }
        guard raw.count >= 10, Array(raw[0..<6]) == NumPyFormat.magic else {
            throw fail(at: 0, raw.count < 10 ? "truncated: \(raw.count) bytes; an .npy file starts with a 10-byte preamble"
                                             : "not an .npy file; expected the magic bytes \\x93NUMPY")
        }
        let major = raw[6], minor = raw[7]
        guard (1...3).contains(major), minor == 0 else {
            throw fail(at: 6, "format version \(major).\(minor) is not supported; expected 1.0, 2.0 or 3.0")
        }
        let headerLength: Int, headerStart: Int
        if major == 1 {
            headerLength = Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
            headerStart = 10
        } else {
            guard raw.count >= 12 else { throw fail(at: 8, "truncated: the version \(major).0 header length needs 4 bytes") }
            headerLength = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
            headerStart = 12
        }
        guard headerLength <= limits.maximumHeaderBytes else {
            throw fail(at: 8, "header length \(headerLength) is more than the limit of \(limits.maximumHeaderBytes) bytes")
        }
        guard headerLength <= raw.count - headerStart else {
            throw fail(at: 8, "truncated: the header length \(headerLength) runs past the end of the file (\(raw.count) bytes)")
        }
        let text = Array(raw[headerStart..<(headerStart + headerLength)])
        if major < 3, let i = text.firstIndex(where: { $0 >= 0x80 }) {
            throw fail(at: headerStart + i, "npy header byte \(headerStart + i): a non-ASCII byte in a version \(major).0 header (latin-1); expected ASCII")
        }
        let format: NumPyFormat
        do { format = try NumPyFormat.parse(text, start: headerStart, source: source, limits: limits) } catch var e as TensorFileError {
            e.tensor = name
            throw e
        }
        let shape = format.shape
        let shown = "[" + shape.map(String.init).joined(separator: ", ") + "]"
        let dataStart = headerStart + headerLength
        let available = raw.count - dataStart
        let code = (format.bigEndian ? ">" : "<") + (format.dtype.numpyCode ?? "")
        guard let count = ElementCodec.elementCount(shape),
              let bytes = ElementCodec.product(count, format.dtype.byteWidth) else {
            throw fail(at: headerStart, "shape \(shown) has more elements than can be counted")
        }
        guard bytes == available else {
            throw fail(at: dataStart, bytes > available
                       ? "truncated: shape \(shown) needs \(bytes) bytes of \(code), the file has \(available) after the header"
                       : "shape \(shown) needs \(bytes) bytes of \(code), the file has \(available) after the header; expected no trailing bytes")
        }
        guard let decoded = ElementCodec.decodedBytes(count: count, dtype: format.dtype), decoded <= limits.maximumBytes else {
            throw fail(at: headerStart, "decoding shape \(shown) would take more than the limit of \(limits.maximumBytes) bytes")
        }
        var (values, integers) = try ElementCodec.decode(UnsafeRawBufferPointer(rebasing: raw[dataStart...]),
                                                         dtype: format.dtype, bigEndian: format.bigEndian, count: count,
                                                         file: source, tensor: name, shape: shape)
        if format.fortranOrder && shape.count > 1 {
            values = fortranToC(values, shape: shape)
            integers = integers.map { fortranToC($0, shape: shape) }
        }
        return Tensor(name: name, shape: shape, dtype: format.dtype, values: values, integers: integers)
    }

    /// Column-major elements to row-major: element (i0, …, ik) sits at Σ i_j s_j
    /// with Fortran strides s_0 = 1, s_j = s_{j-1} d_{j-1}.
    static func fortranToC<T>(_ source: [T], shape: [Int]) -> [T] {
        guard !source.isEmpty else { return source }
        var strides = [Int](repeating: 1, count: shape.count)
        for j in 1..<shape.count { strides[j] = strides[j - 1] * shape[j - 1] }
        var out = [T]()
        out.reserveCapacity(source.count)
        var index = [Int](repeating: 0, count: shape.count)
        var offset = 0
        for _ in 0..<source.count {
            out.append(source[offset])
            // Advance the C-order multi-index (last axis fastest), keeping the Fortran offset.
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                offset += strides[axis]
                if index[axis] < shape[axis] { break }
                offset -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return out
    }

    /// The `.npy` bytes of one tensor: version 1.0 (2.0 when the header needs
    /// more than 65535 bytes), C order, `<f8` for floating tensors and `<i8`
    /// for integer ones, the header padded to a multiple of 64 bytes.
    public static func encodeNpy(_ tensor: Tensor, source: String = "npy") throws -> Data {
        try checkWritable(tensor, source: source)
        let isInteger = tensor.integers != nil
        let shapeText = tensor.shape.count == 1 ? "(\(tensor.shape[0]),)"
            : "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        let dict = "{'descr': '\(isInteger ? "<i8" : "<f8")', 'fortran_order': False, 'shape': \(shapeText), }"
        var header = Array(dict.utf8)
        var major: UInt8 = 1
        var preamble = 10
        if (header.count + 1 + preamble + 63) / 64 * 64 - preamble > 65535 {
            major = 2
            preamble = 12
        }
        let total = (preamble + header.count + 1 + 63) / 64 * 64
        header += [UInt8](repeating: UInt8(ascii: " "), count: total - preamble - header.count - 1)
        header.append(0x0A)
        var out = NumPyFormat.magic + [major, 0]
        if major == 1 {
            ElementCodec.appendLittleEndian(UInt16(header.count), to: &out)
        } else {
            ElementCodec.appendLittleEndian(UInt32(header.count), to: &out)
        }
        out += header
        try ElementCodec.append(tensor, as: isInteger ? .int64 : .float64, to: &out, file: source)
        return Data(out)
    }
}
