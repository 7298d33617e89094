import Foundation

/// A strict RFC 8259 JSON parser that keeps positions, so a spec error can
/// say `spec.json:3:12: …`. Beyond the RFC it rejects what a spec must not
/// contain: a key given twice in one object (JSON leaves the meaning open;
/// a decoder that keeps one value hides a typo), a number outside Double's
/// range (`1e400`), and nesting deeper than `maximumDepth`.
///
/// Errors are `JSONError`s whose path is `source:line:column` (1-based; the
/// column counts Unicode scalars) and whose message starts with the JSON path
/// of the value when there is one (`data.n: number out of range`).
struct JSONParser {
    /// Arrays and objects nest at most this deep (a spec needs about 6).
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private let source: String
    private var index = 0
    private var depth = 0

    init(_ data: Data, source: String) {
        bytes = [UInt8](data)
        self.source = source
    }

    /// The whole document as one value.
    mutating func parseDocument() throws(JSONError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }  // a UTF-8 byte order mark
        skipWhitespace()
        let value = try parseValue(path: "")
        skipWhitespace()
        guard index == bytes.count else {
            throw error(at: index, "invalid JSON: unexpected \(describe(at: index)) after the document's value")
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue(path: String) throws(JSONError) -> JSONValue {
        guard index < bytes.count else { throw error(at: index, "invalid JSON: expected a value, got the end of the file") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(path: path)
        case UInt8(ascii: "["): return try parseArray(path: path)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber(path: path)
        default: throw error(at: index, "invalid JSON: expected a value, got \(describe(at: index))")
        }
    }

    private mutating func parseObject(path: String) throws(JSONError) -> JSONValue {
        let open = index
        try enter(open)
        index += 1
        var members: [String: JSONValue] = [:]
        var keyOffsets: [String: Int] = [:]
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            guard peek(UInt8(ascii: "\"")) else {
                throw error(at: index, "invalid JSON: expected a key in double quotes, got \(describe(at: index))")
            }
            let keyOffset = index
            let key = try parseString()
            let child = path.isEmpty ? key : "\(path).\(key)"
            if let first = keyOffsets[key] {
                let (line, column) = position(of: first)
                throw error(at: keyOffset, "\(child): duplicate key \"\(key)\" (first given at line \(line), column \(column)); each key may appear once")
            }
            keyOffsets[key] = keyOffset
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else {
                throw error(at: index, "invalid JSON: expected ':' after the key \"\(key)\", got \(describe(at: index))")
            }
            index += 1
            skipWhitespace()
            members[key] = try parseValue(path: child)
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                skipWhitespace()
                continue
            }
            if peek(UInt8(ascii: "}")) {
                index += 1
                depth -= 1
                return .object(members)
            }
            throw error(at: index, "invalid JSON: expected ',' or '}' in the object opened at \(location(open)), got \(describe(at: index))")
        }
    }

    private mutating func parseArray(path: String) throws(JSONError) -> JSONValue {
        let open = index
        try enter(open)
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(path: "\(path)[\(elements.count)]"))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                skipWhitespace()
                continue
            }
            if peek(UInt8(ascii: "]")) {
                index += 1
                depth -= 1
                return .array(elements)
            }
            throw error(at: index, "invalid JSON: expected ',' or ']' in the array opened at \(location(open)), got \(describe(at: index))")
        }
    }

    private mutating func enter(_ offset: Int) throws(JSONError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw error(at: offset, "invalid JSON: arrays and objects nested more than \(Self.maximumDepth) deep")
        }
    }

    private mutating func literal(_ word: String) throws(JSONError) {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<(index + expected.count)]) == expected else {
            throw error(at: index, "invalid JSON: expected a value, got \(describe(at: index))")
        }
        index += expected.count
    }

    /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?: an integer literal that
    /// fits in Int64 stays exact, anything else becomes a finite Double.
    private mutating func parseNumber(path: String) throws(JSONError) -> JSONValue {
        let start = index
        var isInteger = true
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw error(at: index, "invalid JSON: expected a digit, got \(describe(at: index))")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error(at: start, "invalid JSON: a number may not start with 0 followed by digits")
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: ".")) {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error(at: index, "invalid JSON: expected a digit after the decimal point, got \(describe(at: index))")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error(at: index, "invalid JSON: expected a digit in the exponent, got \(describe(at: index))")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let i = Int64(text) { return .integer(i) }
        guard let d = Double(text), d.isFinite else {
            let shown = text.count > 40 ? String(text.prefix(37)) + "…" : text
            throw error(at: start, "\(path.isEmpty ? "" : "\(path): ")number out of range (\(shown)); expected a finite number")
        }
        return .number(d)
    }

    /// A string literal with its escapes decoded; raw control characters and
    /// invalid UTF-8 are errors.
    private mutating func parseString() throws(JSONError) -> String {
        let open = index
        index += 1
        var scalars = String.UnicodeScalarView()
        while true {
            guard index < bytes.count else {
                throw error(at: open, "invalid JSON: the string that starts here is not closed")
            }
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                scalars.append(try parseEscape())
            case 0..<0x20:
                throw error(at: index, "invalid JSON: a control character (U+\(hex(UInt32(b)))) inside a string; write it as an escape")
            case 0..<0x80:
                scalars.append(Unicode.Scalar(b))
                index += 1
            default:
                scalars.append(try parseUTF8Scalar())
            }
        }
    }

    private mutating func parseEscape() throws(JSONError) -> Unicode.Scalar {
        let at = index
        index += 1
        guard index < bytes.count else { throw error(at: at, "invalid JSON: an escape at the end of the file") }
        let c = bytes[index]
        index += 1
        switch c {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4(at: at)
            if (0xD800..<0xDC00).contains(high) {
                guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error(at: at, "invalid JSON: a high surrogate \\u\(hex(high)) without its low surrogate")
                }
                index += 2
                let low = try hex4(at: at)
                guard (0xDC00..<0xE000).contains(low) else {
                    throw error(at: at, "invalid JSON: \\u\(hex(high)) must be followed by a low surrogate, got \\u\(hex(low))")
                }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(high) else {
                throw error(at: at, "invalid JSON: a lone low surrogate \\u\(hex(high))")
            }
            return scalar
        default:
            throw error(at: at, "invalid JSON: unknown escape \\\(describeByte(c)); expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
    }

    private mutating func hex4(at escape: Int) throws(JSONError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw error(at: escape, "invalid JSON: expected four hex digits after \\u") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error(at: escape, "invalid JSON: expected four hex digits after \\u")
            }
            v = v * 16 + digit
            index += 1
        }
        return v
    }

    /// One multi-byte UTF-8 sequence (shortest form, no surrogates).
    private mutating func parseUTF8Scalar() throws(JSONError) -> Unicode.Scalar {
        let b0 = bytes[index]
        let length: Int, initial: UInt32, minimum: UInt32
        switch b0 {
        case 0xC2...0xDF: (length, initial, minimum) = (2, UInt32(b0 & 0x1F), 0x80)
        case 0xE0...0xEF: (length, initial, minimum) = (3, UInt32(b0 & 0x0F), 0x800)
        case 0xF0...0xF4: (length, initial, minimum) = (4, UInt32(b0 & 0x07), 0x10000)
        default: throw error(at: index, "invalid UTF-8 (byte 0x\(hex(UInt32(b0), width: 2))); a spec is UTF-8 text")
        }
        guard bytes.count - index >= length else { throw error(at: index, "invalid UTF-8 (a truncated sequence); a spec is UTF-8 text") }
        var v = initial
        for k in 1..<length {
            let b = bytes[index + k]
            guard b & 0xC0 == 0x80 else { throw error(at: index, "invalid UTF-8 (byte 0x\(hex(UInt32(b), width: 2))); a spec is UTF-8 text") }
            v = v << 6 | UInt32(b & 0x3F)
        }
        guard v >= minimum, let scalar = Unicode.Scalar(v) else {
            throw error(at: index, "invalid UTF-8 (an overlong or surrogate sequence); a spec is UTF-8 text")
        }
        index += length
        return scalar
    }

    // MARK: Positions and errors

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func peek(_ c: UInt8) -> Bool { index < bytes.count && bytes[index] == c }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for b in bytes[0..<min(offset, bytes.count)] {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private func location(_ offset: Int) -> String {
        let (line, column) = position(of: offset)
        return "line \(line), column \(column)"
    }

    private func error(at offset: Int, _ message: String) -> JSONError {
        let (line, column) = position(of: offset)
        return JSONError(path: "\(source):\(line):\(column)", message, offset: offset)
    }

    private func describe(at offset: Int) -> String {
        offset < bytes.count ? describeByte(bytes[offset]) : "the end of the file"
    }

    private func describeByte(_ b: UInt8) -> String {
        (0x21..<0x7F).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(hex(UInt32(b), width: 2))"
    }

    private func hex(_ v: UInt32, width: Int = 4) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
