import Foundation
import Reports
import Testing
import TestSupport

/// The top-level keys of `value` encoded as JSON.
func jsonKeys(_ json: String) throws -> Set<String> {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
    return Set((object as? [String: Any])?.keys.map { $0 } ?? [])
}

/// The plot's SVG parses, carries its title and every named series' legend
/// entry, and is readable (`figureFindings`: a short title, the legend clear of
/// the plotting area, every point inside it).
func expectSVG(_ plot: Plot, title: String, series: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    let svg = plot.renderSVG()
    let (ok, counter) = SVGCounter.parse(svg)
    #expect(ok, "SVG does not parse", sourceLocation: sourceLocation)
    #expect(counter.seriesCount >= series.count, "\(counter.seriesCount) series", sourceLocation: sourceLocation)
    #expect(svg.contains(xmlEscaped(title)), "title '\(title)' missing", sourceLocation: sourceLocation)
    for name in series {
        #expect(svg.contains(xmlEscaped(name)), "series '\(name)' missing", sourceLocation: sourceLocation)
    }
    #expect(figureFindings(svg, minimumFill: nil) == [], sourceLocation: sourceLocation)
}

/// `&`, `<`, `>` and `"` as the SVG writer escapes them.
func xmlEscaped(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&apos;")
}
