/// The `.npy` header (numpy/lib/format.py, NEP 1): the magic `\x93NUMPY`,
/// version bytes (1.0: a 2-byte little-endian header length; 2.0 and 3.0: 4
/// bytes; 3.0 allows UTF-8), then a Python dict literal
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }` padded with
/// spaces and ending in a newline.
struct NumPyFormat {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    var dtype: DType
    var bigEndian: Bool
    var fortranOrder: Bool
    var shape: [Int]

    /// Parses the dict literal `text` (at byte `start` of the file, for errors).
    static func parse(_ text: [UInt8], start: Int, source: String, limits: TensorFileLimits) throws -> NumPyFormat {
        var p = HeaderParser(bytes: text, start: start, source: source)
        var descr: String?, fortran: Bool?, shape: [Int]?
        p.skipSpace()
        try p.expect("{")
        p.skipSpace()
        while !p.peek("}") {
            let keyOffset = p.index
            let key = try p.string()
            p.skipSpace()
            try p.expect(":")
            p.skipSpace()
            switch key {
            case "descr":
                guard descr == nil else { throw p.error(at: keyOffset, "the key 'descr' is given twice") }
                guard p.peek("'") || p.peek("\"") else {
                    throw p.error(at: p.index, "descr is not a string; structured dtypes are not supported, expected a plain type such as '<f8'")
                }
                descr = try p.string()
            case "fortran_order":
                guard fortran == nil else { throw p.error(at: keyOffset, "the key 'fortran_order' is given twice") }
                fortran = try p.boolean()
            case "shape":
                guard shape == nil else { throw p.error(at: keyOffset, "the key 'shape' is given twice") }
                shape = try p.tuple(maximumCount: limits.maximumRank)
            default:
                throw p.error(at: keyOffset, "unknown key '\(key)'; expected descr, fortran_order and shape")
            }
            p.skipSpace()
            if p.peek(",") { p.index += 1; p.skipSpace() } else { break }
        }
        try p.expect("}")
        p.skipSpace()
        guard p.index == text.count else { throw p.error(at: p.index, "unexpected \(p.describe()) after the header's dict") }
        guard let descr else { throw p.error(at: 0, "the header has no 'descr'; expected the array's type") }
        guard let fortran else { throw p.error(at: 0, "the header has no 'fortran_order'") }
        guard let shape else { throw p.error(at: 0, "the header has no 'shape'") }
        let (dtype, bigEndian) = try parseDescr(descr, p: p)
        return NumPyFormat(dtype: dtype, bigEndian: bigEndian, fortranOrder: fortran, shape: shape)
    }

    /// `<f8`, `>i4`, `|b1`, `|u1`, `=f4`: byte order and type.
    private static func parseDescr(_ descr: String, p: HeaderParser) throws -> (DType, Bool) {
        let chars = Array(descr)
        let supported = "expected one of <f8 <f4 <f2 <i1..<i8 <u1..<u8 |b1 (or > for big-endian)"
        guard chars.count >= 2, let dtype = DType(numpyCode: String(chars.dropFirst())) else {
            throw p.error(at: 0, "descr '\(descr)' is not supported; \(supported)")
        }
        switch chars[0] {
        case "<", "=": return (dtype, false)
        case ">": return (dtype, true)
        case "|" where dtype.byteWidth == 1: return (dtype, false)
        default: throw p.error(at: 0, "descr '\(descr)' has no valid byte order; \(supported)")
        }
    }
}

/// A reader of the small Python-literal subset `.npy` headers use.
private struct HeaderParser {
    let bytes: [UInt8]
    let start: Int
    let source: String
    var index = 0

    init(bytes: [UInt8], start: Int, source: String) {
        self.bytes = bytes
        self.start = start
        self.source = source
    }

    func error(at offset: Int, _ message: String) -> TensorFileError {
        TensorFileError(file: source, offset: start + offset, "npy header byte \(start + offset): \(message)")
    }

    func describe() -> String {
        guard index < bytes.count else { return "the end of the header" }
        let b = bytes[index]
        return (0x21..<0x7F).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
    }

    func peek(_ c: Character) -> Bool { index < bytes.count && bytes[index] == c.asciiValue! }

    mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    mutating func expect(_ c: Character) throws {
        guard peek(c) else { throw error(at: index, "expected '\(c)', got \(describe())") }
        index += 1
    }

    /// A quoted string without escapes.
    mutating func string() throws -> String {
        guard peek("'") || peek("\"") else { throw error(at: index, "expected a quoted string, got \(describe())") }
        let quote = bytes[index]
        let open = index
        index += 1
        let begin = index
        while index < bytes.count, bytes[index] != quote {
            guard bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 else {
                throw error(at: index, "unexpected \(describe()) in a string")
            }
            index += 1
        }
        guard index < bytes.count else { throw error(at: open, "the string that starts here is not closed") }
        let s = String(decoding: bytes[begin..<index], as: UTF8.self)
        index += 1
        return s
    }

    mutating func boolean() throws -> Bool {
        for (word, value) in [("True", true), ("False", false)] {
            let w = Array(word.utf8)
            if bytes.count - index >= w.count, Array(bytes[index..<(index + w.count)]) == w {
                index += w.count
                return value
            }
        }
        throw error(at: index, "expected True or False, got \(describe())")
    }

    /// `()`, `(3,)`, `(3, 4)`, `(3L, 4L)`: non-negative sizes.
    mutating func tuple(maximumCount: Int) throws -> [Int] {
        try expect("(")
        var out: [Int] = []
        skipSpace()
        while !peek(")") {
            let numberStart = index
            var n = 0
            guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else {
                throw error(at: index, "expected a size (a non-negative integer), got \(describe())")
            }
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                let (m, o1) = n.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int(bytes[index] - 0x30))
                guard !o1, !o2 else { throw error(at: numberStart, "size too large") }
                n = s
                index += 1
            }
            if peek("L") { index += 1 }
            out.append(n)
            guard out.count <= maximumCount else {
                throw error(at: numberStart, "the shape has more than \(maximumCount) dimensions")
            }
            skipSpace()
            if peek(",") { index += 1; skipSpace() } else { break }
        }
        try expect(")")
        return out
    }
}
