/// Parameter names for matrices and vectors laid out row-major in w.
enum ParameterNames {
    /// `W[0,0]`, `W[0,1]`, … for a rows × columns matrix.
    static func matrix(_ name: String, rows: Int, columns: Int) -> [String] {
        (0..<rows).flatMap { i in (0..<columns).map { j in "\(name)[\(i),\(j)]" } }
    }

    /// `b[0]`, `b[1]`, … for a vector.
    static func vector(_ name: String, count: Int) -> [String] {
        (0..<count).map { "\(name)[\($0)]" }
    }
}

/// A model that cannot be built as asked.
public struct ModelError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
