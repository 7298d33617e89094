import Dynamics
import Foundation
import Reports

/// What `rlct critical-points` reports: the fraction of critical points that
/// are minima against d, for GOE Hessians and for a small network's loss.
public struct CriticalPointsReport: Codable, Sendable {
    public var seed: UInt64
    public var goe: [RandomHessianCensus.Row]
    public var network: [NetworkCriticalPoints.Row]?
    public var networkSamples: Int?

    public init(seed: UInt64, goe: [RandomHessianCensus.Row], network: [NetworkCriticalPoints.Row]?, networkSamples: Int?) {
        self.seed = seed; self.goe = goe; self.network = network; self.networkSamples = networkSamples
    }

    public var text: String {
        func f(_ v: Double) -> String { NumberFormat.significant(v, digits: 4) }
        var t = Table(title: "Random symmetric Hessians (GOE): P(all eigenvalues > 0)", "d", "samples", "minima", "P(minimum)",
                      "exact", "2^−d", "P(d)/P(d−1)", "positive eigenvalues")
        for (i, r) in goe.enumerated() {
            let ratio = i > 0 && goe[i - 1].dimension == r.dimension - 1 && goe[i - 1].fraction > 0 ? f(r.fraction / goe[i - 1].fraction) : "—"
            t.append("\(r.dimension)", "\(r.samples)", "\(r.minima)", NumberFormat.plusMinus(r.fraction, r.standardError),
                     r.exact.map(f) ?? "—", f(r.bernoulli), ratio, f(r.positiveEigenvalueFraction))
        }
        var out = [t.renderText()]
        if let network {
            var u = Table(title: "Critical points of f(x) = Σ a tanh(b x + c) on \(networkSamples ?? 0) points, by Newton's method",
                          "hidden", "d", "starts", "converged", "minima", "saddles", "degenerate", "distinct (min/saddle)",
                          "minima / non-degenerate", "p (positive eigenvalues)", "p^d")
            for r in network {
                u.append("\(r.hidden)", "\(r.dimension)", "\(r.starts)", "\(r.converged)", "\(r.minima)", "\(r.saddles)", "\(r.degenerate)",
                         "\(r.distinct) (\(r.distinctMinima)/\(r.distinctSaddles))", f(r.minimumFraction), f(r.positiveEigenvalueFraction), f(r.bernoulli))
            }
            out.append(u.renderText())
        }
        return out.joined(separator: "\n")
    }

    /// P(minimum) against d (log scale): GOE with errors, 2^−d, and the network's distinct minima fraction.
    public var plot: Plot {
        var p = Plot(title: "Probability that a critical point is a minimum", xLabel: "d (parameters)", yLabel: "P(minimum)", yScale: .log)
        let g = goe.filter { $0.fraction > 0 }
        p.series.append(.init("GOE Hessians", x: g.map { Double($0.dimension) }, y: g.map(\.fraction), yError: g.map(\.standardError)))
        p.series.append(.init("2^−d (independent signs)", style: .line, x: goe.map { Double($0.dimension) }, y: goe.map(\.bernoulli), dashed: true))
        if let network {
            let n = network.filter { $0.minimumFraction > 0 && $0.minimumFraction.isFinite }
            p.series.append(.init("tanh network (distinct minima / non-degenerate)", x: n.map { Double($0.dimension) }, y: n.map(\.minimumFraction)))
        }
        return p
    }
}
