import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Where a plot's pieces landed in its SVG, in the drawing's pixels: per panel
/// (a `<svg>` with a plotting frame; nested panels are offset by their x, y)
/// the title, the frame of the plotting area, the legend box and the data
/// (points, bars and line vertices), to check that a figure is readable.
public final class SVGGeometry: NSObject, XMLParserDelegate {
    public struct Rect: Sendable, Equatable {
        public var x, y, width, height: Double
        public var maxX: Double { x + width }
        public var maxY: Double { y + height }
        /// Whether the two rectangles share interior points.
        public func overlaps(_ r: Rect) -> Bool { x < r.maxX && r.x < maxX && y < r.maxY && r.y < maxY }
    }

    public struct Panel: Sendable {
        public var title = ""
        public var frame: Rect?
        public var legend: Rect?
        /// Point markers, bar corners and polyline vertices.
        public var data: [(x: Double, y: Double)] = []
    }

    public private(set) var panels: [Panel] = []
    /// The grid's own title (`PlotGrid`), if any.
    public private(set) var gridTitle = ""
    private var offsets: [(Double, Double)] = [(0, 0)]
    private var open: [Int] = []  // panel index per open <svg>
    private var readingTitle: (grid: Bool, panel: Int)?

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                       attributes a: [String: String] = [:]) {
        func number(_ key: String) -> Double { Double(a[key] ?? "") ?? 0 }
        let (ox, oy) = offsets.last ?? (0, 0)
        switch name {
        case "svg":
            offsets.append((ox + number("x"), oy + number("y")))
            panels.append(Panel())
            open.append(panels.count - 1)
            return
        default: break
        }
        guard let k = open.last else { return }
        let cls = a["class"] ?? ""
        switch (name, cls) {
        case ("text", "title"): readingTitle = (false, k)
        case ("text", "grid-title"): readingTitle = (true, k)
        case ("rect", "frame"):
            panels[k].frame = Rect(x: ox + number("x"), y: oy + number("y"), width: number("width"), height: number("height"))
        case ("rect", "legend-box"):
            panels[k].legend = Rect(x: ox + number("x"), y: oy + number("y"), width: number("width"), height: number("height"))
        case ("circle", "point"):
            panels[k].data.append((ox + number("cx"), oy + number("cy")))
        case ("rect", "point"):
            let x = ox + number("x"), y = oy + number("y")
            panels[k].data += [(x, y), (x + number("width"), y + number("height"))]
        case ("polyline", "line"):
            for pair in (a["points"] ?? "").split(separator: " ") {
                let xy = pair.split(separator: ",").compactMap { Double($0) }
                if xy.count == 2 { panels[k].data.append((ox + xy[0], oy + xy[1])) }
            }
        default: break
        }
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard let t = readingTitle else { return }
        if t.grid { gridTitle += string } else { panels[t.panel].title += string }
    }

    public func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { readingTitle = nil }
        if name == "svg" {
            offsets.removeLast()
            open.removeLast()
        }
    }

    /// Parses `svg`: whether it is well-formed XML, and the panels that have a plotting frame.
    public static func parse(_ svg: String) -> (ok: Bool, geometry: SVGGeometry) {
        let parser = XMLParser(data: Data(svg.utf8))
        let g = SVGGeometry()
        parser.delegate = g
        let ok = parser.parse()
        g.panels = g.panels.filter { $0.frame != nil }
        return (ok, g)
    }
}

/// What makes a figure readable, as findings (empty when it is): a title of
/// at most `maxTitle` characters, a legend box clear of the plotting area,
/// every data point inside the area, and (with `minimumFill`) the data
/// spanning at least that fraction of the area's width and height, so the
/// axes are ranged to the data and not far beyond.
public func figureFindings(_ svg: String, maxTitle: Int = 64, minimumFill: Double? = 0.8) -> [String] {
    let (ok, g) = SVGGeometry.parse(svg)
    guard ok else { return ["the SVG does not parse"] }
    guard !g.panels.isEmpty else { return ["no plotting area (rect class=\"frame\")"] }
    var findings: [String] = []
    if g.gridTitle.count > maxTitle { findings.append("grid title of \(g.gridTitle.count) characters: \(g.gridTitle)") }
    for (k, p) in g.panels.enumerated() {
        let frame = p.frame!
        let name = "panel \(k) '\(p.title)'"
        if p.title.isEmpty || p.title.count > maxTitle { findings.append("\(name): title of \(p.title.count) characters") }
        if let legend = p.legend, legend.overlaps(frame) { findings.append("\(name): the legend \(legend) covers the plotting area \(frame)") }
        let outside = p.data.filter { $0.x < frame.x - 0.5 || $0.x > frame.maxX + 0.5 || $0.y < frame.y - 0.5 || $0.y > frame.maxY + 0.5 }
        if !outside.isEmpty { findings.append("\(name): \(outside.count) data points outside the plotting area") }
        if let fill = minimumFill, let x0 = p.data.map(\.x).min(), let x1 = p.data.map(\.x).max(),
           let y0 = p.data.map(\.y).min(), let y1 = p.data.map(\.y).max() {
            if x1 - x0 < fill * frame.width {
                findings.append("\(name): the data span \(Int((x1 - x0) / frame.width * 100))% of the x axis (< \(Int(fill * 100))%)")
            }
            if y1 - y0 < fill * frame.height {
                findings.append("\(name): the data span \(Int((y1 - y0) / frame.height * 100))% of the y axis (< \(Int(fill * 100))%)")
            }
        }
    }
    return findings
}
