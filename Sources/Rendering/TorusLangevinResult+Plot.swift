import Dynamics
import Foundation
import Reports

extension TorusLangevinResult {
    /// A density heat map on the torus of `values` (counts per cell, divided by the cell area).
    public func heatmap(values: [[Double]], title: String) -> Plot {
        let r = self
        var plot = Plot(title: title, xLabel: "x0", yLabel: "x1")
        let cell = (r.length / Double(r.bins)) * (r.length / Double(r.bins))
        plot.heatmap = .init(xEdges: r.edges, yEdges: r.edges, values: values.map { $0.map { $0 / cell } }, label: "density")
        plot.width = 620
        plot.height = 560
        return plot
    }
}
