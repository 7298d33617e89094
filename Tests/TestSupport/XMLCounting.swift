import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Counts an SVG plot's series, points and heat-map cells while checking the document parses.
public final class SVGCounter: NSObject, XMLParserDelegate {
    public var seriesCount = 0
    public var pointCount = 0
    public var cells = 0
    /// Points per series, in document order.
    public var pointsPerSeries: [Int] = []

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                       attributes: [String: String] = [:]) {
        if name == "g", attributes["class"] == "series" { seriesCount += 1; pointsPerSeries.append(0) }
        if attributes["class"] == "point" {
            pointCount += 1
            if !pointsPerSeries.isEmpty { pointsPerSeries[pointsPerSeries.count - 1] += 1 }
        }
        if attributes["class"] == "cell" { cells += 1 }
    }

    /// Parses `svg`: whether it is well-formed XML, and the counts.
    public static func parse(_ svg: String) -> (ok: Bool, counter: SVGCounter) {
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = SVGCounter()
        parser.delegate = counter
        return (parser.parse(), counter)
    }
}

/// Collects the elements of an XML document (JUnit reports): name and attributes, in order.
public final class XMLElements: NSObject, XMLParserDelegate {
    public var elements: [(name: String, attributes: [String: String])] = []

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                       attributes: [String: String] = [:]) {
        elements.append((name, attributes))
    }

    /// Parses `xml`: whether it is well-formed, and its elements.
    public static func parse(_ xml: String) -> (ok: Bool, elements: [(name: String, attributes: [String: String])]) {
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = XMLElements()
        parser.delegate = collector
        return (parser.parse(), collector.elements)
    }

    /// The elements named `name`.
    public static func named(_ name: String, in elements: [(name: String, attributes: [String: String])]) -> [[String: String]] {
        elements.filter { $0.name == name }.map(\.attributes)
    }
}
