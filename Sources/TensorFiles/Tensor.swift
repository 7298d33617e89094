/// One named array from a weight or data file: its shape, the element type
/// it was stored in, and its values as Doubles in C (row-major) order.
/// Integer and boolean tensors (labels) also keep their exact values in
/// `integers`.
public struct Tensor: Sendable, Hashable {
    public var name: String
    public var shape: [Int]
    /// The type in the file (or the type to write for `npy()`; Doubles are written as F64, integers as I64).
    public var dtype: DType
    /// Every element in C order, converted to Double.
    public var values: [Double]
    /// The exact values of an integer or boolean tensor, in C order; nil for floating types.
    public var integers: [Int64]?

    /// A float64 tensor; `values.count` must be the product of `shape` (checked when written).
    public init(name: String, shape: [Int], values: [Double]) {
        self.name = name
        self.shape = shape
        self.dtype = .float64
        self.values = values
        self.integers = nil
    }

    /// An int64 tensor (labels); `values` are the same numbers as Doubles.
    public init(name: String, shape: [Int], integers: [Int64]) {
        self.name = name
        self.shape = shape
        self.dtype = .int64
        self.values = integers.map { Double($0) }
        self.integers = integers
    }

    /// Tensors exactly as decoded.
    init(name: String, shape: [Int], dtype: DType, values: [Double], integers: [Int64]?) {
        self.name = name
        self.shape = shape
        self.dtype = dtype
        self.values = values
        self.integers = integers
    }

    /// Number of elements (the product of the shape; 1 for a scalar).
    public var count: Int { values.count }

    /// The shape as it reads in messages: `[64, 20]`.
    public var shapeDescription: String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

    /// The C-order index of the first NaN or infinite value, or nil when all are finite.
    public var firstNonFiniteIndex: Int? { values.firstIndex { !$0.isFinite } }

    /// Throws when a value is NaN or infinite, naming the tensor and the
    /// element's position (`[3, 1]`); callers that accept non-finite
    /// weights simply do not call it.
    public func checkFinite(file: String) throws {
        guard let i = firstNonFiniteIndex else { return }
        throw TensorFileError(file: file, tensor: name,
                              "element \(position(ofIndex: i)) is \(values[i]); expected finite values")
    }

    /// The labels as Ints: the exact integers of an integer tensor, or the
    /// values of a floating tensor when every one is a whole number.
    public func labels(file: String) throws -> [Int] {
        if let integers { return integers.map { Int($0) } }
        var out = [Int]()
        out.reserveCapacity(values.count)
        for (i, v) in values.enumerated() {
            guard v.isFinite, v == v.rounded(), abs(v) < 9.0e15 else {
                throw TensorFileError(file: file, tensor: name,
                                      "element \(position(ofIndex: i)) is \(v); expected whole numbers for labels")
            }
            out.append(Int(v))
        }
        return out
    }

    /// The multi-index of a C-order flat index: `[3, 1]` (`[]` for a scalar).
    public func position(ofIndex index: Int) -> String {
        var rest = index
        var digits = [Int](repeating: 0, count: shape.count)
        for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
            digits[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return "[" + digits.map(String.init).joined(separator: ", ") + "]"
    }
}
