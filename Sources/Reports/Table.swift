/// A table of results, rendered the same way by every command: aligned text
/// on the terminal, Markdown, or CSV. Commands build a `Table`; none formats
/// its own columns by hand.
public struct Table: Sendable, Equatable {
    /// How a column's cells line up.
    public enum Alignment: Sendable, Equatable { case left, right }

    public struct Column: Sendable, Equatable {
        public var title: String
        public var alignment: Alignment
        public init(_ title: String, alignment: Alignment = .right) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public private(set) var rows: [[String]] = []
    /// Optional heading printed above the table.
    public var title: String?

    public init(title: String? = nil, columns: [Column]) {
        self.title = title
        self.columns = columns
    }

    /// Columns from titles; the first is left-aligned (labels), the rest right-aligned (numbers).
    public init(title: String? = nil, _ titles: String...) {
        self.init(title: title, columns: titles.enumerated().map { Column($0.element, alignment: $0.offset == 0 ? .left : .right) })
    }

    /// Appends a row; missing cells are blank, extra cells are dropped.
    public mutating func append(_ cells: [String]) {
        var row = Array(cells.prefix(columns.count))
        while row.count < columns.count { row.append("") }
        rows.append(row)
    }

    public mutating func append(_ cells: String...) { append(cells) }

    /// Aligned plain text, two spaces between columns, a rule under the header.
    public func renderText() -> String {
        let widths = columnWidths()
        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append(line(columns.map(\.title), widths: widths))
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in rows { lines.append(line(row, widths: widths)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A GitHub-flavoured Markdown table.
    public func renderMarkdown() -> String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var lines: [String] = []
        if let title { lines.append("**\(escape(title))**\n") }
        lines.append("| " + columns.map { escape($0.title) }.joined(separator: " | ") + " |")
        lines.append("|" + columns.map { $0.alignment == .right ? "---:|" : "---|" }.joined())
        for row in rows { lines.append("| " + row.map(escape).joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV with a header row.
    public func renderCSV() -> String {
        var out = CSVWriter.row(columns.map(\.title))
        for row in rows { out += CSVWriter.row(row) }
        return out
    }

    private func columnWidths() -> [Int] {
        columns.indices.map { j in
            rows.reduce(columns[j].title.count) { max($0, $1[j].count) }
        }
    }

    private func line(_ cells: [String], widths: [Int]) -> String {
        var parts: [String] = []
        for (j, cell) in cells.enumerated() {
            let pad = String(repeating: " ", count: max(0, widths[j] - cell.count))
            parts.append(columns[j].alignment == .left ? cell + pad : pad + cell)
        }
        // No trailing spaces on the last column.
        var text = parts.joined(separator: "  ")
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
