import Estimators
import Foundation
import Reports

extension FreeEnergyFit.Result {
    /// F_n − nβL_n(ŵ) against n (log axis) with the fit of λ and m.
    public func plot(dimension d: Int, title: String) -> Plot {
        let r = self
        var p = Plot(title: "F_n − nβL_n(ŵ): \(title)", xLabel: "n", yLabel: "F_n − nβL_n(ŵ)", xScale: .log)
        let x = r.points.map(\.n)
        p.series.append(.init("exact (quadrature)", style: .scatter, x: x, y: r.points.map { $0.freeEnergy - r.beta * $0.nLoss },
                              yError: r.points.map(\.error)))
        guard let lo = x.first, let hi = x.last else { return p }
        let fine = (0...100).map { exp(log(lo) + (log(hi) - log(lo)) * Double($0) / 100) }
        p.series.append(.init("fit: λ̂ = \(NumberFormat.significant(r.lambda)), m̂ = \(NumberFormat.significant(r.multiplicity, digits: 3))",
                              style: .line, x: fine, y: fine.map(r.curve)))
        p.series.append(.init("BIC: (d/2) log n, d = \(d)", style: .line, x: fine, y: fine.map { Double(d) / 2 * log($0 * r.beta) }, dashed: true))
        return p
    }
}
