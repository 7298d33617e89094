import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import Reports

@Suite struct TableTests {
    @Test func alignsColumnsAndRendersEveryFormat() {
        var table = Table("fixture", "expected", "estimate")
        table.append("w^4", "0.25", "0.2483")
        table.append("(w1*w2)^2", "0.5", "0.51")
        let text = table.renderText()
        let lines = text.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "fixture    expected  estimate")
        #expect(lines[2] == "w^4            0.25    0.2483")
        #expect(lines[3] == "(w1*w2)^2       0.5      0.51")
        #expect(table.renderMarkdown().contains("| (w1\\*w2)^2 |") == false)
        #expect(table.renderMarkdown().contains("|---|---:|---:|"))
        #expect(table.renderCSV() == "fixture,expected,estimate\nw^4,0.25,0.2483\n(w1*w2)^2,0.5,0.51\n")
    }

    @Test func csvQuotesFieldsThatNeedIt() {
        #expect(CSVWriter.row(["a,b", "say \"hi\"", "plain"]) == "\"a,b\",\"say \"\"hi\"\"\",plain\n")
    }

    @Test func numberFormats() {
        #expect(NumberFormat.significant(0.25) == "0.2500")
        #expect(NumberFormat.significant(1.234e-7) == "1.234e-07")
        #expect(NumberFormat.significant(.nan) == "nan")
        #expect(NumberFormat.plusMinus(0.2483, 0.012) == "0.248 ± 0.012")
    }
}

@Suite struct AtomicFileTests {
    @Test func writesWholeFileAndLeavesNoTemporary() throws {
        let dir = try temporaryDirectory()
        let target = dir.appendingPathComponent("out/result.json")
        // A missing directory is an error now (it used to be created): a typo must not scatter files.
        #expect(throws: OutputFileError.self) { try AtomicFile.write("first", toPath: target.path) }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: false)
        try AtomicFile.write("first", toPath: target.path)
        try AtomicFile.write("second", toPath: target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "second")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
        #expect(leftovers == ["result.json"])
    }

    @Test func unwritableDestinationThrowsNamingThePath() {
        #expect(throws: OutputFileError.self) {
            try AtomicFile.write("x", toPath: "/proc/version/not-a-dir/out.txt")
        }
    }
}

@Suite struct PlotTests {
    func parse(_ svg: String) -> (ok: Bool, counter: SVGCounter) { SVGCounter.parse(svg) }

    @Test func lineAndScatterPlotIsWellFormedWithEverySeriesAndPoint() {
        var plot = Plot(title: "λ̂ vs step size <test> & co", xLabel: "step size", yLabel: "λ̂", xScale: .log)
        plot.series.append(.init("sgld", x: [1e-6, 1e-5, 1e-4, 1e-3], y: [0.24, 0.25, 0.26, 0.4], yError: [0.01, 0.01, 0.02, 0.1]))
        plot.series.append(.init("mala", style: .scatter, x: [1e-6, 1e-5, 1e-4], y: [0.25, 0.25, 0.251]))
        plot.references.append(.init(y: 0.25, label: "λ = 1/4"))
        let (ok, counter) = parse(plot.renderSVG())
        #expect(ok)
        #expect(counter.seriesCount == 2)
        #expect(counter.pointCount == 7)
    }

    @Test func histogramAndHeatmap() {
        var hist = Plot(title: "positions", xLabel: "w", yLabel: "count")
        hist.series.append(.init("final", style: .bars(width: 0.1), x: [0, 0.1, 0.2], y: [3, 5, 2]))
        let (ok1, c1) = parse(hist.renderSVG())
        #expect(ok1 && c1.pointCount == 3)

        var heat = Plot(title: "calibration", xLabel: "step size", yLabel: "localization", xScale: .log, yScale: .log)
        heat.heatmap = .init(xEdges: [1e-5, 1e-4, 1e-3], yEdges: [1, 10, 100], values: [[0.2, 0.3], [0.25, .nan]], label: "λ̂")
        let (ok2, c2) = parse(heat.renderSVG())
        #expect(ok2 && c2.cells == 4)
    }

    @Test func logAxisTicksAreDecades() {
        let axis = Axis(scale: .log, lo: 1e-8, hi: 1, pixelLo: 0, pixelHi: 100)
        let majors = axis.ticks().filter(\.major).map(\.value)
        #expect(majors.count == 9)
        #expect(axis.pixel(1e-4) == 50)
    }
}
