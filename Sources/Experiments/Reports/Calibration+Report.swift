import Estimators
import Foundation
import Reports

extension Calibration {
    /// The grid as a table: one row per cell, with its verdict (level and reason codes)
    /// and whether it is on the plateau, usable, or rejected.
    public var table: Table {
        var t = Table(columns: [.init("step size"), .init("localization"), .init("nβ"), .init("λ̂"), .init("± se"), .init("R̂"), .init("acc."),
                                .init("div."), .init("verdict", alignment: .left), .init("plateau", alignment: .left)])
        for c in cells {
            let e = c.estimate
            let acc = e.acceptance ?? e.diagnosticAcceptance
            let status: String
            if c.onPlateau {
                status = "plateau"
            } else if c.usable {
                status = "usable"
            } else if e.verdict.level == .unreliable {
                status = "rejected"
            } else if e.verdict.contains(.sgldProbe) || e.verdict.contains(.acceptanceLow) {
                status = "rejected: step too large"
            } else {
                status = e.llcMean.isFinite ? "rejected: se > 10% of λ̂" : "rejected: no estimate"
            }
            t.append([String(format: "%.3g", c.stepSize), String(format: "%.3g", c.localization), String(format: "%.4g", c.nbeta),
                      NumberFormat.significant(e.llcMean), NumberFormat.significant(Calibration.standardError(e), digits: 2),
                      String(format: "%.3f", e.rhat), acc.map { String(format: "%.2f", $0) } ?? "-", "\(e.divergences.count)",
                      e.verdict.description, status])
        }
        return t
    }

    /// λ̂ ± se against the step size (log axis), one series per localization and nβ.
    public func plot(title: String) -> Plot {
        var plot = Plot(title: title, xLabel: "step size", yLabel: "λ̂", xScale: .log)
        let groups = Dictionary(grouping: cells) { "γ = \(NumberFormat.significant($0.localization, digits: 3)), nβ = \(NumberFormat.significant($0.nbeta, digits: 4))" }
        for key in groups.keys.sorted() {
            let cells = groups[key]!.filter { $0.estimate.llcMean.isFinite }.sorted { $0.stepSize < $1.stepSize }
            plot.series.append(.init(key, x: cells.map(\.stepSize), y: cells.map(\.estimate.llcMean),
                                     yError: cells.map { Calibration.standardError($0.estimate) }))
        }
        if let r = recommended, r.estimate.llcMean.isFinite {
            plot.references.append(.init(y: r.estimate.llcMean, label: "recommended: ε = \(NumberFormat.significant(r.stepSize, digits: 3))"))
        }
        return plot
    }
}
