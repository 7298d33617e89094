import Dynamics
import Foundation
import Reports

extension GluedCycleWalkResult {
    /// Simulated against predicted occupation per node (bars, 2 standard errors).
    public func plot() -> Plot {
        let r = self
        var plot = Plot(title: "Random walk on cycles \(r.cycleLengths.map(String.init).joined(separator: ",")) glued at node 0",
                        xLabel: "node (0 = shared; then each cycle's own nodes)", yLabel: "occupation probability")
        let x = r.nodes.map { Double($0.node) }
        plot.series.append(.init("stationary law ∝ degree", style: .bars(width: 0.4), x: x.map { $0 - 0.2 },
                                 y: r.nodes.map(\.predicted)))
        plot.series.append(.init("simulated (time average)", style: .bars(width: 0.4), x: x.map { $0 + 0.2 },
                                 y: r.nodes.map(\.simulated)))
        plot.series.append(.init("", style: .scatter, x: x.map { $0 + 0.2 }, y: r.nodes.map(\.simulated),
                                 yError: r.nodes.map { 2 * $0.standardError }, color: "#333"))
        return plot
    }
}
