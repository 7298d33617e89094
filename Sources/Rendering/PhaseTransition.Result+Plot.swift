import Estimators
import Foundation
import Reports

extension PhaseTransition.Result {
    /// The posterior mass of each phase against n, with the observed and predicted crossovers.
    public func plot(title: String) -> Plot {
        let r = self
        var p = Plot(title: "Posterior mass of each phase: \(title)", xLabel: "n", yLabel: "posterior mass", xScale: .log)
        for phase in r.phases {
            p.series.append(.init("\(phase.name) (λ = \(NumberFormat.significant(phase.lambda, digits: 3)), L = \(NumberFormat.significant(phase.loss, digits: 3)))",
                                  x: r.n, y: phase.masses))
        }
        if let o = r.observedCrossover {
            p.series.append(.init("observed n* = \(NumberFormat.significant(o))", style: .line, x: [o, o], y: [0, 1], dashed: true))
        }
        if let c = r.predictedCrossover, let lo = r.n.first, let hi = r.n.last, c >= lo, c <= hi {
            p.series.append(.init("predicted n* = \(NumberFormat.significant(c))", style: .line, x: [c, c], y: [0, 1], dashed: true))
        }
        return p
    }
}
