import Estimators
import Experiments
import Foundation
import Models
import Polynomials
import Reports
import Rendering
import Testing
import TestSupport

/// Figures are readable: a short title, the legend beside the plotting area
/// (never over the curves), and axes ranged to the data.
@Suite struct FigureLayoutTests {
    /// The `rlct phases` figure of a potential whose expanded K is long: the
    /// command titles it by the model's name, and even a long title is cut.
    @Test func phasesFigureHasAShortTitleAndItsLegendBesideTheCurves() throws {
        let k = try Polynomial(parsing: "0.00016+(w-1)^4*((w+1)^2-0.00001*(2*w+3))")
        let phases = [PhaseTransition.Phase(name: "w=-1", lower: [-1.5], upper: [-0.5]),
                      PhaseTransition.Phase(name: "w=1", lower: [0.5], upper: [1.5])]
        let r = try PhaseTransition.compute(phases: phases, grid: [100, 1000, 10_000, 100_000, 1_000_000], beta: 1,
                                            lower: [-2], upper: [2], logPrior: { _ in -log(4) },
                                            given: [.init(lambda: 0.5, multiplicity: 1), .init(lambda: 0.25, multiplicity: 1)],
                                            modelAt: { n in try Potential(k: k, sampleCount: Int(n)) })
        // The expansion, as `Experiment.summary` spells it, is far longer than a title.
        let long = "potential K = \(k)"
        #expect(long.count > Plot.maxTitleLength)
        let svg = r.plot(title: long).renderSVG()
        #expect(figureFindings(svg) == [])
        let (_, g) = SVGGeometry.parse(svg)
        #expect(g.panels.first?.title.hasSuffix("…") == true)
        #expect(g.panels.first?.legend != nil)
    }

    /// What the command passes as the title: the polynomial as written, or the kind when that is long.
    @Test func experimentShortNameIsTheModelNotItsExpansion() throws {
        func name(_ json: String) throws -> String { try ExperimentSpec.decode(Data(json.utf8)).build().shortName }
        #expect(try name(#"{"model": {"kind": "potential", "k": "(w1*w2)^2", "n": 100}}"#) == "K = (w1*w2)^2")
        let long = "0.00016 + (w-1)^4*((w+1)^2 - 0.00001*(2*w+3)) + 0.5*(w-1)^6"
        #expect(try name(#"{"model": {"kind": "potential", "k": "\#(long)", "n": 100}}"#) == "potential (d = 1)")
        #expect(try name(#"{"name": "two minima", "model": {"kind": "potential", "k": "w^2", "n": 100}}"#) == "two minima")
    }

    /// `rlct regress --plot`: one panel per method, the expected λ on the
    /// diagonal, both axes ranged to that method's values (all below 1 here:
    /// the axes must not run to 10).
    @Test func regressFigureHasOnePanelPerMethodRangedToItsData() throws {
        func outcome(_ method: String, _ expected: Double, _ estimate: Double, _ error: Double) throws -> RegressionOutcome {
            let json = #"{"fixture": "Fixtures/potential/x.json", "name": "x", "method": "\#(method)", "expected": \#(expected), "#
                + #""expected_multiplicity": 1, "estimate": \#(estimate), "error": \#(error), "allowed": 0.05, "#
                + #""status": "pass", "message": "", "seconds": 0}"#
            return try JSONDecoder().decode(RegressionOutcome.self, from: Data(json.utf8))
        }
        let outcomes = try [outcome("analytic", 0.25, 0.25, 0), outcome("analytic", 0.5, 0.5, 0), outcome("analytic", 1.0 / 6, 1.0 / 6, 0),
                            outcome("llc", 0.25, 0.2518, 0.0066), outcome("llc", 0.5, 0.4962, 0.0074), outcome("llc", 1.0 / 6, 0.1696, 0.0051),
                            outcome("volume", 0.25, 0.25, 1e-11), outcome("volume", 0.5, 0.5055, 0.0005)]
        let grid = RegressionReport(outcomes: outcomes, quick: true, seconds: 1).plot
        #expect(grid.panels.map(\.title) == ["analytic", "llc", "volume"])
        let svg = grid.renderSVG()
        #expect(figureFindings(svg) == [])
        let (ok, g) = SVGGeometry.parse(svg)
        #expect(ok && g.panels.count == 3)
        for panel in grid.panels {
            let x = try #require(panel.xRange), y = try #require(panel.yRange)
            // Same range on both axes (the diagonal is the 45° line), and no axis beyond 1.1.
            #expect(x == y)
            #expect(x.upperBound < 1.1 && x.lowerBound > 0.1)
            #expect(panel.series.first?.name == "λ̂ = λ")
        }
    }

    /// A log axis over less than a decade still gets labelled ticks, and its range is the data's.
    @Test func logAxisFitsDataWithinOneDecade() {
        var plot = Plot(title: "narrow", xLabel: "x", yLabel: "y", xScale: .log, yScale: .log)
        plot.series.append(.init("data", x: [0.2, 0.3, 0.5], y: [0.21, 0.33, 0.48]))
        let svg = plot.renderSVG()
        #expect(figureFindings(svg) == [])
        #expect(svg.contains(">0.2</text>") || svg.contains(">0.20</text>"))
    }
}
