import Foundation

/// A parsed JSON document, kept as a tree so a decoder (the experiment spec,
/// a safetensors header) can validate it with JSON paths in its errors and
/// reject unknown keys.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    /// An integer literal that fits in Int64.
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(b): try c.encode(b)
        case let .integer(i): try c.encode(i)
        case let .number(d): try c.encode(d)
        case let .string(s): try c.encode(s)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }

    /// How the value reads in an error message (`-1`, `"abc"`, `an object`).
    public var summary: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return "\(b)"
        case let .integer(i): return "\(i)"
        case let .number(d): return d == d.rounded() && abs(d) < 1e15 ? "\(Int64(d))" : "\(d)"
        case let .string(s): return "\"\(s)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// An integer or a number as a Double.
    public var doubleValue: Double? {
        switch self {
        case let .integer(i): return Double(i)
        case let .number(d): return d
        default: return nil
        }
    }
}

extension JSONValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }

    /// A Double as JSON, an integer literal when it is one.
    public static func from(_ d: Double) -> JSONValue {
        d == d.rounded() && abs(d) < 9e15 ? .integer(Int64(d)) : .number(d)
    }
}

extension JSONValue {
    /// Parses JSON bytes strictly (`JSONParser`): a syntax error, a duplicate
    /// key, a number out of range or nesting deeper than 256 throws a
    /// `JSONError` naming `source:line:column`.
    public static func parse(_ data: Data, source: String) throws(JSONError) -> JSONValue {
        var parser = JSONParser(data, source: source)
        return try parser.parseDocument()
    }
}
