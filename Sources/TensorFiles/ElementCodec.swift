/// Converting stored elements to Doubles (and exact integers) and back.
/// Half floats are decoded from their bits (IEEE 754 binary16; bfloat16 is
/// the upper half of a binary32), so no platform `Float16` is needed.
enum ElementCodec {
    /// The product of a shape, or nil when it overflows Int (or a dimension is negative).
    static func elementCount(_ shape: [Int]) -> Int? {
        var n = 1
        for d in shape {
            guard d >= 0 else { return nil }
            let (p, o) = n.multipliedReportingOverflow(by: d)
            if o { return nil }
            n = p
        }
        return n
    }

    /// `a × b`, or nil on overflow.
    static func product(_ a: Int, _ b: Int) -> Int? {
        let (p, o) = a.multipliedReportingOverflow(by: b)
        return o ? nil : p
    }

    /// Bytes the decoded tensor takes: 8 per Double, 8 more per exact integer.
    static func decodedBytes(count: Int, dtype: DType) -> Int? {
        product(count, dtype.isFloatingPoint ? 8 : 16)
    }

    /// binary16 bits → Double (exact).
    static func half(_ bits: UInt16) -> Double {
        let negative = bits & 0x8000 != 0
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        let magnitude: Double
        switch exponent {
        case 0: magnitude = fraction * 0x1p-24  // subnormal
        case 31: magnitude = fraction == 0 ? .infinity : .nan
        default: magnitude = Double(sign: .plus, exponent: exponent - 15, significand: 1 + fraction / 1024)
        }
        return negative ? -magnitude : magnitude
    }

    /// Decodes `count` elements of `dtype` from `raw` (exactly `count × width` bytes).
    /// A uint64 above Int64.max, or a bool byte other than 0 or 1, is an error.
    static func decode(_ raw: UnsafeRawBufferPointer, dtype: DType, bigEndian: Bool, count: Int,
                       file: String, tensor: String, shape: [Int]) throws -> (values: [Double], integers: [Int64]?) {
        let w = dtype.byteWidth
        precondition(raw.count == count * w)
        func u16(_ i: Int) -> UInt16 {
            let v = raw.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self)
            return bigEndian ? v.byteSwapped : v.littleEndian
        }
        func u32(_ i: Int) -> UInt32 {
            let v = raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)
            return bigEndian ? v.byteSwapped : v.littleEndian
        }
        func u64(_ i: Int) -> UInt64 {
            let v = raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            return bigEndian ? v.byteSwapped : v.littleEndian
        }
        if dtype.isFloatingPoint {
            var values = [Double](repeating: 0, count: count)
            switch dtype {
            case .float64: for i in 0..<count { values[i] = Double(bitPattern: u64(i)) }
            case .float32: for i in 0..<count { values[i] = Double(Float(bitPattern: u32(i))) }
            case .float16: for i in 0..<count { values[i] = half(u16(i)) }
            default: for i in 0..<count { values[i] = Double(Float(bitPattern: UInt32(u16(i)) << 16)) }
            }
            return (values, nil)
        }
        var integers = [Int64](repeating: 0, count: count)
        switch dtype {
        case .int8: for i in 0..<count { integers[i] = Int64(Int8(bitPattern: raw[i])) }
        case .uint8: for i in 0..<count { integers[i] = Int64(raw[i]) }
        case .bool:
            for i in 0..<count {
                guard raw[i] <= 1 else {
                    throw TensorFileError(file: file, tensor: tensor,
                                          "element \(index(i, shape)) of a BOOL tensor is the byte \(raw[i]); expected 0 or 1")
                }
                integers[i] = Int64(raw[i])
            }
        case .int16: for i in 0..<count { integers[i] = Int64(Int16(bitPattern: u16(i))) }
        case .uint16: for i in 0..<count { integers[i] = Int64(u16(i)) }
        case .int32: for i in 0..<count { integers[i] = Int64(Int32(bitPattern: u32(i))) }
        case .uint32: for i in 0..<count { integers[i] = Int64(u32(i)) }
        case .int64: for i in 0..<count { integers[i] = Int64(bitPattern: u64(i)) }
        default:
            for i in 0..<count {
                let v = u64(i)
                guard v <= UInt64(Int64.max) else {
                    throw TensorFileError(file: file, tensor: tensor,
                                          "element \(index(i, shape)) is \(v), above the largest exact integer kept (2^63 - 1)")
                }
                integers[i] = Int64(v)
            }
        }
        return (integers.map { Double($0) }, integers)
    }

    private static func index(_ i: Int, _ shape: [Int]) -> String {
        Tensor(name: "", shape: shape, dtype: .int64, values: [], integers: nil).position(ofIndex: i)
    }

    /// Appends little-endian F64, F32 or I64 bytes of a tensor's values.
    static func append(_ tensor: Tensor, as dtype: DType, to out: inout [UInt8], file: String) throws {
        switch dtype {
        case .float64:
            for v in tensor.values { appendLittleEndian(v.bitPattern, to: &out) }
        case .float32:
            for (i, v) in tensor.values.enumerated() {
                let f = Float(v)
                if v.isFinite && !f.isFinite {
                    throw TensorFileError(file: file, tensor: tensor.name,
                                          "element \(tensor.position(ofIndex: i)) is \(v), beyond F32's range; write F64 instead")
                }
                appendLittleEndian(f.bitPattern, to: &out)
            }
        case .int64:
            if let integers = tensor.integers {
                for v in integers { appendLittleEndian(UInt64(bitPattern: v), to: &out) }
            } else {
                for (i, v) in tensor.values.enumerated() {
                    guard v.isFinite, v == v.rounded(), abs(v) < 9.2e18 else {
                        throw TensorFileError(file: file, tensor: tensor.name,
                                              "element \(tensor.position(ofIndex: i)) is \(v); I64 needs whole numbers")
                    }
                    appendLittleEndian(UInt64(bitPattern: Int64(v)), to: &out)
                }
            }
        default:
            throw TensorFileError(file: file, tensor: tensor.name, "cannot write \(dtype.rawValue); expected F64, F32 or I64")
        }
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ v: T, to out: inout [UInt8]) {
        var x = v.littleEndian
        withUnsafeBytes(of: &x) { out.append(contentsOf: $0) }
    }
}
