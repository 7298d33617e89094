import Estimators
import Foundation
import Reports

extension LambdaFit where Details == NBetaSweep.Details {
    /// The points (nβ, step size, λ̂ ± MCSE, R̂, ESS) and the fit.
    public func renderText(title: String) -> String {
        var out = "\(title)\n"
        out += "sampler \(details.sampler), localization \(NumberFormat.significant(details.localization)), step size ∝ 1/nβ\n\n"
        var table = Table(columns: [.init("nβ"), .init("step size"), .init("λ̂ ± MCSE"), .init("fit"), .init("R̂"), .init("ESS bulk"), .init("acceptance")])
        let curve = NBetaSweep.curve(lambda: lambda, multiplicity: multiplicity, kappa: details.kappa)
        for p in details.points {
            table.append([String(format: "%.4g", p.nbeta), String(format: "%.3g", p.stepSize), NumberFormat.plusMinus(p.llc, p.mcse),
                          String(format: "%.4f", curve(p.nbeta)), String(format: "%.4f", p.rhat), String(format: "%.0f", p.essBulk),
                          p.acceptance.map { String(format: "%.3f", $0) } ?? "-"])
        }
        out += table.renderText() + "\n"
        out += "fit λ̂(nβ) = λ − (m − 1)/(log nβ + κ), weighted by 1/MCSE²:\n"
        out += "  λ = \(NumberFormat.plusMinus(lambda, lambdaError))\n"
        out += "  m = \(NumberFormat.plusMinus(multiplicity, multiplicityError)) (rounded \(multiplicityRounded))\n"
        out += details.kappaError.isFinite
            ? "  κ = \(NumberFormat.plusMinus(details.kappa, details.kappaError))\n"
            : "  κ = \(NumberFormat.significant(details.kappa, digits: 3)) (profiled; undetermined: m̂ − 1 within 2 standard errors of 0)\n"
        out += String(format: "  χ²/dof = %.3f (dof %d)\n", chiSquaredPerDof, details.dof)
        return out
    }

    /// λ̂ ± MCSE against nβ (log axis) with the fitted curve and λ.
    public func plot(title: String) -> Plot {
        var p = Plot(title: "λ̂ over nβ: \(title)", xLabel: "nβ", yLabel: "λ̂ = nβ (E[L_n] − L_n(w*))", xScale: .log)
        let x = details.points.map(\.nbeta)
        p.series.append(.init("λ̂ ± MCSE", style: .scatter, x: x, y: details.points.map(\.llc), yError: details.points.map(\.mcse)))
        if let lo = x.first, let hi = x.last {
            let fine = (0...100).map { exp(log(lo) + (log(hi) - log(lo)) * Double($0) / 100) }
            let curve = NBetaSweep.curve(lambda: lambda, multiplicity: multiplicity, kappa: details.kappa)
            p.series.append(.init("fit: λ = \(NumberFormat.plusMinus(lambda, lambdaError)), m = \(NumberFormat.plusMinus(multiplicity, multiplicityError))",
                                  style: .line, x: fine, y: fine.map(curve)))
        }
        p.references.append(.init(y: lambda, label: String(format: "λ̂ = %.4g", lambda)))
        return p
    }
}
