import Foundation

extension Dataset {
    /// Reads a CSV file whose first line names the columns; `inputColumns`
    /// and `outputColumns` pick the inputs and outputs by name, in order.
    ///
    /// Fields are separated by commas, surrounding spaces and double quotes
    /// are stripped, blank lines are skipped. A non-numeric cell, NaN or
    /// infinity, a row with the wrong number of fields or a column missing
    /// from the header throws a `DatasetError` naming `path:line:column`
    /// (both 1-based; the column counts fields).
    public static func csv(path: String, inputColumns: [String], outputColumns: [String]) throws -> Dataset {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DatasetError.file(path: path, message: "cannot read the file (\(error.localizedDescription))")
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
                guard let v = Double(cell) else {
                    throw DatasetError.cell(path: path, line: row.number, column: j + 1,
                                            message: "column \"\(names[j])\": expected a number, got \"\(cell)\"")
                }
                guard v.isFinite else {
                    throw DatasetError.cell(path: path, line: row.number, column: j + 1,
                                            message: "column \"\(names[j])\": expected a finite number, got \"\(cell)\"")
                }
                return v
            }
            for j in inputIndex { x.append(try number(j)) }
            for j in outputIndex { y.append(try number(j)) }
        }
        return Dataset(unchecked: x, y, rows.count, inputIndex.count, outputIndex.count, nil, path)
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
