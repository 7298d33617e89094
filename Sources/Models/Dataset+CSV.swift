import Foundation

extension Dataset {
    /// Reads a CSV file whose first line names the columns; `inputColumns`
    /// and `outputColumns` pick the inputs and outputs by name, in order.
    ///
    /// Fields are separated by commas, surrounding spaces and double quotes
    /// are stripped, blank lines are skipped. Cells are decimal numbers
    /// (`-1.5e3`; not `0x10`). A non-numeric cell, NaN or infinity, a number
    /// beyond Double's range, a row with the wrong number of fields or a column
    /// missing from the header throws a `DatasetError` naming `path:line:column`
    /// (both 1-based; the column counts fields).
    ///
    /// The file must be a regular file (a FIFO or device is refused without
    /// reading from it) of at most `maximumBytes` bytes.
    public static func csv(path: String, inputColumns: [String], outputColumns: [String],
                           maximumBytes: Int = Int.max) throws -> Dataset {
        let data: Data
        do {
            data = try RegularFile.read(atPath: path, maximumBytes: maximumBytes)
        } catch let error as RegularFile.ReadError {
            throw DatasetError.file(path: path, message: error.message)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatasetError.file(path: path, message: "not UTF-8 text; expected a CSV file")
        }
        return try csv(text: text, path: path, inputColumns: inputColumns, outputColumns: outputColumns)
    }

    /// Parses CSV text (see `csv(path:inputColumns:outputColumns:)`); `path`
    /// only names the source in errors.
    public static func csv(text: String, path: String, inputColumns: [String], outputColumns: [String]) throws -> Dataset {
        guard !inputColumns.isEmpty else { throw DatasetError.file(path: path, message: "no input columns chosen") }
        guard !outputColumns.isEmpty else { throw DatasetError.file(path: path, message: "no output columns chosen") }
        // Character.isNewline covers "\n" and the single grapheme "\r\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().map { (number: $0.offset + 1, text: $0.element) }
        lines.removeAll { $0.text.allSatisfy(\.isWhitespace) }
        guard let header = lines.first else { throw DatasetError.file(path: path, message: "the file is empty; expected a header line") }
        let names = fields(header.text)
        var index: [String: Int] = [:]
        for (j, name) in names.enumerated() {
            if name.isEmpty {
                throw DatasetError.cell(path: path, line: header.number, column: j + 1, message: "empty column name in the header")
            }
            if let first = index[name] {
                throw DatasetError.cell(path: path, line: header.number, column: j + 1,
                                        message: "column name \"\(name)\" repeats column \(first + 1)")
            }
            index[name] = j
        }
        func column(_ name: String) throws -> Int {
            guard let j = index[name] else {
                throw DatasetError.row(path: path, line: header.number,
                                       message: "no column named \"\(name)\" in the header (columns: \(names.joined(separator: ", ")))")
            }
            return j
        }
        let inputIndex = try inputColumns.map(column)
        let outputIndex = try outputColumns.map(column)
        let rows = lines.dropFirst()
        guard !rows.isEmpty else { throw DatasetError.file(path: path, message: "the header is followed by no data rows") }
        var x = [Double](), y = [Double]()
        x.reserveCapacity(rows.count * inputIndex.count)
        y.reserveCapacity(rows.count * outputIndex.count)
        for row in rows {
            let cells = fields(row.text)
            guard cells.count == names.count else {
                throw DatasetError.row(path: path, line: row.number,
                                       message: "expected \(names.count) fields as in the header, got \(cells.count)")
            }
            func number(_ j: Int) throws -> Double {
                let cell = cells[j]
                func fail(_ what: String) -> DatasetError {
                    .cell(path: path, line: row.number, column: j + 1, message: "column \"\(names[j])\": \(what), got \"\(cell)\"")
                }
                switch Self.decimal(cell) {
                case let .value(v): return v
                case .notANumber: throw fail("expected a number")
                case .notDecimal: throw fail("expected a decimal number (digits, a point, an exponent)")
                case .notFinite: throw fail("expected a finite number")
                case .outOfRange: throw fail("number out of range; expected a finite number")
                }
            }
            for j in inputIndex { x.append(try number(j)) }
            for j in outputIndex { y.append(try number(j)) }
        }
        return Dataset(unchecked: x, y, rows.count, inputIndex.count, outputIndex.count, nil, path)
    }

    /// What a CSV cell holds as a number.
    enum Cell: Equatable {
        case value(Double)
        /// Not a number at all (`abc`, `4.5x`).
        case notANumber
        /// A number Swift would read but a CSV of data must not contain (`0x10`, hexadecimal).
        case notDecimal
        /// `nan`, `inf`, `infinity`.
        case notFinite
        /// Decimal, but beyond Double's range (`1e400`).
        case outOfRange
    }

    /// Reads a cell as a decimal number: `[+-]? (digits [. digits] | . digits) ([eE] [+-]? digits)?`.
    /// `Double(String)` alone would also accept `0x10` (16) and `nan`.
    static func decimal(_ cell: String) -> Cell {
        let bytes = Array(cell.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        var mantissa = digits()
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            mantissa += digits()
        }
        var ok = mantissa > 0
        if ok, i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            ok = digits() > 0
        }
        guard ok, i == bytes.count else {
            guard let v = Double(cell) else { return .notANumber }
            return v.isFinite ? .notDecimal : .notFinite
        }
        guard let v = Double(cell) else { return .notANumber }
        return v.isFinite ? .value(v) : .outOfRange
    }

    /// The comma-separated fields of a line, trimmed of spaces and quotes.
    private static func fields(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { field in
            var s = field.trimmingCharacters(in: .whitespaces)
            if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
            return s
        }
    }
}
