import Estimators
import Foundation
import Reports

extension VolumeScaling.Result {
    /// V(ε) (log-log) with the fit c ε^λ (−log ε)^(m−1).
    public func plot(title: String) -> Plot {
        let r = self
        var plot = Plot(title: "Volume scaling, \(title)", xLabel: "ε", yLabel: "V(ε)", xScale: .log, yScale: .log)
        let eps = r.points.map(\.epsilon)
        plot.series.append(.init("V(ε) (\(r.method.rawValue))", style: .scatter, x: eps, y: r.points.map(\.volume),
                                 yError: r.points.map(\.error)))
        let fit = r.fit
        let lo = log(eps.min() ?? 1e-10), hi = log(eps.max() ?? 1e-2)
        let xs = (0...100).map { exp(lo + (hi - lo) * Double($0) / 100) }
        plot.series.append(.init("fit λ̂ = \(NumberFormat.significant(r.lambda)), m̂ = \(NumberFormat.significant(r.multiplicity, digits: 3))",
                                 style: .line, x: xs, y: xs.map { fit.volume(at: $0) }))
        return plot
    }
}
