import Dynamics
import Foundation
import Reports

extension SGDReport {
    public static func fractionPlot(_ e: EscapeAnalysis) -> Plot {
        var plot = Plot(title: "Fraction of trajectories in the regular basin", xLabel: "SGD step t", yLabel: "fraction", yScale: .log)
        let pts = zip(e.times, e.regularFraction).filter { $0.1 > 0 }
        plot.series.append(.init("simulated", style: .line, x: pts.map { Double($0.0) }, y: pts.map(\.1)))
        if let fit = e.fit {
            let ts = e.times.filter { $0 >= e.fitStart }.map(Double.init)
            plot.series.append(.init("fit: rate \(NumberFormat.plusMinus(fit.rate, fit.rateError))", style: .line,
                                     x: ts, y: ts.map { fit.amplitude * exp(-fit.rate * $0) }, dashed: true))
        }
        return plot
    }

    public static func histogramPlot(_ p: PosteriorComparison) -> Plot {
        var plot = Plot(title: "Final SGD positions vs posterior at n = \(p.n) (TV \(NumberFormat.significant(p.totalVariation, digits: 3)))",
                        xLabel: "w", yLabel: "probability per bin")
        let mids = (0..<(p.edges.count - 1)).map { (p.edges[$0] + p.edges[$0 + 1]) / 2 }
        let width = p.edges[1] - p.edges[0]
        plot.series.append(.init("SGD", style: .bars(width: width), x: mids, y: p.sgd))
        plot.series.append(.init("posterior", style: .line, x: mids, y: p.posterior))
        return plot
    }

    public static func distancePlot(_ d: SGDEnsembleResult.DistanceSummary, variables: [String]) -> Plot {
        var plot = Plot(title: "Distance to the origin", xLabel: "SGD step t", yLabel: "distance")
        let t = d.times.map(Double.init)
        plot.series.append(.init("median |w|", style: .line, x: t, y: d.median))
        plot.series.append(.init("quartiles", style: .line, x: t, y: d.lowerQuartile, dashed: true))
        plot.series.append(.init("", style: .line, x: t, y: d.upperQuartile, dashed: true, color: plot.series[1].color))
        for (j, v) in variables.enumerated() { plot.series.append(.init("mean |\(v)|", style: .line, x: t, y: d.meanAbsolute[j])) }
        return plot
    }

    public static func pathPlot(_ paths: [[[Double]]], variables: [String]) -> Plot {
        var plot = Plot(title: "SGD trajectories", xLabel: variables[0], yLabel: variables.count > 1 ? variables[1] : "")
        for (i, p) in paths.enumerated() {
            plot.series.append(.init(i == 0 ? "trajectories" : "", style: .line, x: p.map { $0[0] }, y: p.map { $0.count > 1 ? $0[1] : 0 },
                                     color: Plot.palette[i % Plot.palette.count]))
        }
        return plot
    }
}
