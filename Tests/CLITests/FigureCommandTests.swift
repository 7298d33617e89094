import Foundation
import Testing
import TestSupport

/// The figures the commands write are readable (`figureFindings`): a short
/// title naming the model, the legend beside the plotting area, axes ranged
/// to the data.
@Suite struct FigureCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized

    /// The potential of docs/estimators.md ("Bayesian phase transitions"): its
    /// expansion has float noise in six coefficients, which the title must not spell out.
    @Test func phasesFigureNamesTheModelAndKeepsItsLegendOffTheCurves() throws {
        let svg = try temporaryDirectory().appendingPathComponent("phases.svg").path
        let r = try runRLCT(["phases", "--polynomial", "0.00016 + (w-1)^4*((w+1)^2 - 0.00001*(2*w+3))", "--prior", "uniform:-2,2",
                             "--phases", "w=-1:0.5;w=1:0.5", "--points", "9", "--plot", svg, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(figureFindings(text) == [])
        let (_, g) = SVGGeometry.parse(text)
        #expect(g.panels.count == 1)
        #expect(g.panels.first?.title.contains("2.00002") == false, "\(g.panels.first?.title ?? "")")
        #expect(g.panels.first?.legend != nil)
    }

    /// `rlct regress --plot`: one panel per method, each ranged to its own λ (all ≤ 1 for w⁴).
    @Test func regressFigureHasOnePanelPerMethod() throws {
        let svg = try temporaryDirectory().appendingPathComponent("regress.svg").path
        let r = try runRLCT(["regress", Self.fixtures.appendingPathComponent("potential").path, "--filter", "potential-w-4",
                             "--quick", "--quiet", "--plot", svg])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(figureFindings(text) == [])
        let (_, g) = SVGGeometry.parse(text)
        #expect(g.panels.map(\.title) == ["analytic", "llc", "freeEnergyFit", "temperature", "volume"])
        // No axis label beyond 1: the estimates and λ = 1/4 are all below 1.
        #expect(!text.contains(">10</text>"))
    }
}
