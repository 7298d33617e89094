/// Several `Plot`s in one SVG file, as a grid of panels read left to right,
/// top to bottom, under one title (e.g. one panel per estimator).
public struct PlotGrid: Sendable {
    public var title: String
    public var panels: [Plot]
    public var columns: Int

    public init(title: String, panels: [Plot], columns: Int = 2) {
        self.title = title
        self.panels = panels
        self.columns = max(1, columns)
    }

    /// The SVG document: each panel is a nested `<svg>` with its own clip path.
    public func renderSVG() -> String {
        let top = 40.0
        let sizes = panels.map(\.canvasSize)
        let cellW = sizes.map(\.width).max() ?? 400, cellH = sizes.map(\.height).max() ?? 300
        let rows = (panels.count + columns - 1) / columns
        let width = cellW * Double(min(columns, max(panels.count, 1))), height = top + cellH * Double(rows)
        let title = self.title.count <= Plot.maxTitleLength ? self.title : String(self.title.prefix(Plot.maxTitleLength - 1)) + "…"
        var svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="white"/>
        <text class="grid-title" x="\(f(width / 2))" y="26" text-anchor="middle" font-size="17" font-weight="bold">\(XMLText.escape(title))</text>

        """
        for (k, panel) in panels.enumerated() {
            let x = Double(k % columns) * cellW, y = top + Double(k / columns) * cellH
            svg += panel.svgElement(x: x, y: y, clipID: "plotarea\(k)")
        }
        return svg + "</svg>\n"
    }

    /// Writes the SVG to `target`.
    public func write(to target: OutputTarget) throws {
        try target.write(renderSVG())
    }

    private func f(_ v: Double) -> String { String(format: "%.2f", v) }
}
