/// The element types the readers understand, named as safetensors names them.
/// Floating types are converted to Double; integer and boolean types are kept
/// exact (`Tensor.integers`) and also given as Doubles.
public enum DType: String, Sendable, Hashable, CaseIterable {
    case float64 = "F64", float32 = "F32", float16 = "F16", bfloat16 = "BF16"
    case int8 = "I8", int16 = "I16", int32 = "I32", int64 = "I64"
    case uint8 = "U8", uint16 = "U16", uint32 = "U32", uint64 = "U64"
    case bool = "BOOL"

    /// Bytes per element.
    public var byteWidth: Int {
        switch self {
        case .float64, .int64, .uint64: return 8
        case .float32, .int32, .uint32: return 4
        case .float16, .bfloat16, .int16, .uint16: return 2
        case .int8, .uint8, .bool: return 1
        }
    }

    public var isFloatingPoint: Bool {
        switch self {
        case .float64, .float32, .float16, .bfloat16: return true
        default: return false
        }
    }

    /// The NumPy type character and size (`f8`, `i4`, `b1`); nil for bfloat16, which NumPy lacks.
    var numpyCode: String? {
        switch self {
        case .float64: return "f8"
        case .float32: return "f4"
        case .float16: return "f2"
        case .bfloat16: return nil
        case .int8: return "i1"
        case .int16: return "i2"
        case .int32: return "i4"
        case .int64: return "i8"
        case .uint8: return "u1"
        case .uint16: return "u2"
        case .uint32: return "u4"
        case .uint64: return "u8"
        case .bool: return "b1"
        }
    }

    /// The type of a NumPy code (`f8` → float64); nil when unsupported.
    init?(numpyCode: String) {
        guard let t = DType.allCases.first(where: { $0.numpyCode == numpyCode }) else { return nil }
        self = t
    }
}
