import Dynamics
import Foundation
import Reports

extension SphereDiffusionResult {
    /// ⟨cos θ(t)⟩ against D(n−1)t/R² for each n, with the fitted and predicted decays.
    public static func cosinePlot(_ results: [SphereDiffusionResult]) -> Plot {
        var plot = Plot(title: "Brownian motion on S^{n−1}: ⟨cos θ(t)⟩", xLabel: "D(n−1)t/R²", yLabel: "⟨cos θ⟩", yScale: .log)
        for (i, r) in results.enumerated() {
            let color = Plot.palette[i % Plot.palette.count]
            let tau = r.times.map { $0 * r.predictedRate }
            let keep = r.meanCosine.indices.filter { r.meanCosine[$0] > 2 * r.cosineError[$0] }
            plot.series.append(.init("n = \(r.dimension) simulated", style: .scatter, x: keep.map { tau[$0] },
                                     y: keep.map { r.meanCosine[$0] }, yError: keep.map { r.cosineError[$0] }, color: color))
            plot.series.append(.init("n = \(r.dimension) fit κ = \(NumberFormat.significant(r.fittedRate))", style: .line,
                                     x: tau, y: r.times.map { exp(-r.fittedRate * $0) }, color: color))
        }
        if let last = results.first {
            let tau = last.times.map { $0 * last.predictedRate }
            plot.series.append(.init("exp(−D(n−1)t/R²)", style: .line, x: tau, y: tau.map { exp(-$0) }, dashed: true, color: "#333"))
        }
        return plot
    }

    /// The mean displacement |x(t) − x(0)|/R against D(n−1)t/R² with the formula √(2(1 − e^{−τ})).
    public static func displacementPlot(_ results: [SphereDiffusionResult]) -> Plot {
        var plot = Plot(title: "Mean displacement on S^{n−1}", xLabel: "D(n−1)t/R²", yLabel: "⟨|x(t) − x(0)|⟩ / R")
        for (i, r) in results.enumerated() {
            let color = Plot.palette[i % Plot.palette.count]
            let tau = r.times.map { $0 * r.predictedRate }
            plot.series.append(.init("n = \(r.dimension) simulated", style: .scatter, x: tau,
                                     y: r.meanDisplacement.map { $0 / r.radius }, color: color))
        }
        if let first = results.first {
            let tau = first.times.map { $0 * first.predictedRate }
            plot.series.append(.init("√(2(1 − exp(−D(n−1)t/R²)))", style: .line, x: tau,
                                     y: first.displacementFormula.map { $0 / first.radius }, dashed: true, color: "#333"))
        }
        plot.references.append(.init(y: 2.0.squareRoot(), label: "√2"))
        return plot
    }
}
