import Estimators
import Foundation
import Reports

extension TemperatureLambda.Result {
    /// E^β[n L_n] against 1/β: a straight line of slope λ where the asymptotics hold.
    /// E^β[n L_n] ± MCSE against 1/β with the fitted line nL_n(w0) + λ/β.
    public func plot(title: String) -> Plot {
        let r = self
        var figure = Plot(title: "λ̂ from temperatures, \(title)", xLabel: "1/β", yLabel: "E^β[n L_n]")
        let x = r.temperatures.map { 1 / $0.beta }
        figure.series.append(.init("E^β[n L_n] ± MCSE", style: .scatter, x: x, y: r.temperatures.map(\.meanNLoss),
                                   yError: r.temperatures.map(\.error)))
        if let lo = x.min(), let hi = x.max() {
            let line = [lo, hi]
            figure.series.append(.init("fit: \(NumberFormat.significant(r.multiTemperatureIntercept)) + λ̂/β, λ̂ = \(NumberFormat.plusMinus(r.multiTemperature, r.multiTemperatureError))",
                                       style: .line, x: line, y: line.map { r.multiTemperatureIntercept + r.multiTemperature * $0 }, dashed: true))
        }
        return figure
    }
}
