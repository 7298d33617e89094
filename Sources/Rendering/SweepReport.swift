import Dynamics
import Foundation
import Reports

/// What `rlct sgd-sweep` reports: the sweep, the escape onset (≥ 1% escaped)
/// and the majority value (≥ 50%).
public struct SweepReport: Codable, Sendable {
    public var result: SGDSweepResult
    public var onset: Double?
    public var majority: Double?
    /// The onset and majority values in each replicate (empty with one replicate).
    public var replicateOnsets: [Double?]
    public var replicateMajorities: [Double?]

    public init(result: SGDSweepResult) {
        self.result = result
        onset = result.onset(fraction: 0.01)
        majority = result.onset(fraction: 0.5)
        replicateOnsets = result.replicateOnsets(fraction: 0.01)
        replicateMajorities = result.replicateOnsets(fraction: 0.5)
    }

    /// The settings line, the table per swept value, and the onsets.
    public var text: String {
        let r = result
        let over = r.parameter.rawValue
        let fixed = [("lr", "η = \(r.learningRate)"), ("w0", "w0 = \(r.w0)"), ("batch", "B = \(r.batchSize)")].filter { $0.0 != over }.map(\.1)
        var out = ["Q = (w + w0)^\(r.d1) (w − w0)^\(r.d2); \(fixed.joined(separator: ", ")), μ = \(r.momentum); \(r.trajectories) trajectories × \(r.steps) steps; \(r.replicates) replicate\(r.replicates == 1 ? "" : "s") per value"]
        var t = Table(title: "Escape against \(over), replicate 1 (one shared dataset; ± = shared-dataset error)", over, "started regular", "escaped", "escaped fraction",
                      "regular at end", "fit rate", "hazard rate", "diverged")
        for row in r.rows {
            t.append(NumberFormat.significant(row.value), "\(row.startedInRegular)", "\(row.escaped)",
                     NumberFormat.significant(row.escapedFraction, digits: 3), NumberFormat.significant(row.finalRegularFraction, digits: 3),
                     row.fitRate.map { NumberFormat.plusMinus($0, row.fitRateError ?? 0) } ?? "—",
                     row.hazardRate.map { NumberFormat.plusMinus($0, row.hazardRateError ?? 0) } ?? "—", "\(row.diverged)")
        }
        out.append(t.renderText())
        if r.replicates > 1 {
            var u = Table(title: "Escape against \(over), over \(r.replicates) replicates (fresh dataset each; mean ± sd/√R [range])",
                          over, "escaped fraction", "regular at end", "fit rate", "hazard rate")
            for row in r.rows {
                guard let o = row.overReplicates else { continue }
                u.append(NumberFormat.significant(row.value), SGDReport.overReplicates(o.escapedFraction, digits: 3),
                         SGDReport.overReplicates(o.finalRegularFraction, digits: 3), SGDReport.overReplicates(o.fitRate),
                         SGDReport.overReplicates(o.hazardRate))
            }
            out.append(u.renderText())
        }
        out.append("escape onset (≥ 1% escaped), replicate 1: \(onset.map { NumberFormat.significant($0) } ?? "none in the sweep"); majority (≥ 50%): \(majority.map { NumberFormat.significant($0) } ?? "none in the sweep")")
        if !replicateOnsets.isEmpty {
            func list(_ v: [Double?]) -> String { v.map { $0.map { NumberFormat.significant($0) } ?? "none" }.joined(separator: ", ") }
            out.append("per replicate: onset \(list(replicateOnsets)); majority \(list(replicateMajorities))")
        }
        return out.joined(separator: "\n")
    }

    /// Escaped fraction and final regular-basin fraction against the swept value.
    public var plot: Plot {
        let rows = result.rows
        var p = Plot(title: "Escape from the regular minimum", xLabel: result.parameter.rawValue, yLabel: "fraction")
        p.series.append(.init("escaped (of those started in the regular basin)", x: rows.map(\.value), y: rows.map(\.escapedFraction)))
        p.series.append(.init("in the regular basin at the end", x: rows.map(\.value), y: rows.map(\.finalRegularFraction), dashed: true))
        return p
    }
}
