/// Reads a JSON object field by field with paths, and rejects keys that
/// were not read (a typo must not silently change an experiment).
struct SpecReader {
    let object: [String: JSONValue]
    let path: String
    private(set) var allowed: [String] = []

    /// `value` must be an object.
    init(_ value: JSONValue, path: String) throws {
        guard case let .object(o) = value else {
            throw SpecError(path: path.isEmpty ? "spec" : path, "expected an object, got \(value.summary)")
        }
        object = o
        self.path = path
    }

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A required field, read by `read(value, path)`.
    mutating func required<T>(_ key: String, _ read: (JSONValue, String) throws -> T) throws -> T {
        allowed.append(key)
        guard let v = object[key], v != .null else { throw SpecError(path: child(key), "missing; this field is required") }
        return try read(v, child(key))
    }

    /// An optional field (absent or null gives nil).
    mutating func optional<T>(_ key: String, _ read: (JSONValue, String) throws -> T) throws -> T? {
        allowed.append(key)
        guard let v = object[key], v != .null else { return nil }
        return try read(v, child(key))
    }

    /// Whether `key` is present (not counting it as read).
    func has(_ key: String) -> Bool { object[key] != nil && object[key] != .null }

    /// Throws for the first (alphabetically) key that was not read.
    func finish(_ what: String) throws {
        let known = Set(allowed)
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw SpecError(path: child(unknown), "unknown key in \(what) (expected one of: \(allowed.joined(separator: ", ")))")
        }
    }
}

/// Value readers: each checks the JSON type and range and names the path.
enum Read {
    static func string(_ v: JSONValue, _ path: String) throws -> String {
        guard case let .string(s) = v else { throw SpecError(path: path, "expected a string, got \(v.summary)") }
        return s
    }

    static func nonEmptyString(_ v: JSONValue, _ path: String) throws -> String {
        let s = try string(v, path)
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw SpecError(path: path, "expected a non-empty string") }
        return s
    }

    static func bool(_ v: JSONValue, _ path: String) throws -> Bool {
        guard case let .bool(b) = v else { throw SpecError(path: path, "expected true or false, got \(v.summary)") }
        return b
    }

    static func integer(_ v: JSONValue, _ path: String, _ what: String = "an integer") throws -> Int {
        switch v {
        case let .integer(i): return Int(i)
        case let .number(d) where d == d.rounded() && abs(d) < 9e15: return Int(d)
        default: throw SpecError(path: path, "expected \(what), got \(v.summary)")
        }
    }

    static func positiveInteger(_ v: JSONValue, _ path: String) throws -> Int {
        let i = try integer(v, path, "a positive integer")
        guard i > 0 else { throw SpecError(path: path, "expected a positive integer, got \(v.summary)") }
        return i
    }

    static func nonNegativeInteger(_ v: JSONValue, _ path: String) throws -> Int {
        let i = try integer(v, path, "a non-negative integer")
        guard i >= 0 else { throw SpecError(path: path, "expected a non-negative integer, got \(v.summary)") }
        return i
    }

    static func seed(_ v: JSONValue, _ path: String) throws -> UInt64 {
        let i = try integer(v, path, "a non-negative integer seed")
        guard i >= 0 else { throw SpecError(path: path, "expected a non-negative integer seed, got \(v.summary)") }
        return UInt64(i)
    }

    static func number(_ v: JSONValue, _ path: String) throws -> Double {
        guard let d = v.doubleValue, d.isFinite else { throw SpecError(path: path, "expected a number, got \(v.summary)") }
        return d
    }

    static func positiveNumber(_ v: JSONValue, _ path: String) throws -> Double {
        guard let d = v.doubleValue, d.isFinite, d > 0 else {
            throw SpecError(path: path, "expected a positive number, got \(v.summary)")
        }
        return d
    }

    static func nonNegativeNumber(_ v: JSONValue, _ path: String) throws -> Double {
        guard let d = v.doubleValue, d.isFinite, d >= 0 else {
            throw SpecError(path: path, "expected a non-negative number, got \(v.summary)")
        }
        return d
    }

    /// A number or a fraction string `"p/q"` (for exact λ such as "3/2").
    static func numberOrFraction(_ v: JSONValue, _ path: String) throws -> Double {
        if case let .string(s) = v {
            let parts = s.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, let p = Double(parts[0]), let q = Double(parts[1]), q != 0 { return p / q }
            if parts.count == 1, let p = Double(parts[0]), p.isFinite { return p }
            throw SpecError(path: path, "expected a number or a fraction such as \"3/2\", got \(v.summary)")
        }
        return try number(v, path)
    }

    static func array<T>(_ v: JSONValue, _ path: String, nonEmpty: Bool = true,
                         _ element: (JSONValue, String) throws -> T) throws -> [T] {
        guard case let .array(a) = v else { throw SpecError(path: path, "expected an array, got \(v.summary)") }
        if nonEmpty && a.isEmpty { throw SpecError(path: path, "expected a non-empty array") }
        return try a.enumerated().map { try element($0.element, "\(path)[\($0.offset)]") }
    }

    /// One of the listed strings.
    static func choice(_ v: JSONValue, _ path: String, _ options: [String]) throws -> String {
        let s = try string(v, path)
        guard options.contains(s) else {
            throw SpecError(path: path, "expected one of \(options.map { "\"\($0)\"" }.joined(separator: ", ")), got \"\(s)\"")
        }
        return s
    }
}

import Foundation
import JSON
