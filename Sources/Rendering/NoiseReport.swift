import Dynamics
import Foundation
import Reports

/// What `rlct sgd-noise` reports: the settings and, per point, the
/// minibatch-gradient covariance against the formula and the Hessian.
public struct NoiseReport: Codable, Sendable {
    public var q: String
    public var variables: [String]
    public var batchSize: Int
    public var batches: Int
    public var inputVariance: Double
    public var noiseVariance: Double
    public var seed: UInt64
    public var points: [NoiseCovariancePoint]

    public init(q: String, variables: [String], batchSize: Int, batches: Int, inputVariance: Double,
                noiseVariance: Double, seed: UInt64, points: [NoiseCovariancePoint]) {
        self.q = q
        self.variables = variables
        self.batchSize = batchSize
        self.batches = batches
        self.inputVariance = inputVariance
        self.noiseVariance = noiseVariance
        self.seed = seed
        self.points = points
    }

    /// The settings line and the covariance table.
    public var text: String {
        var out = ["Q = \(q); B = \(batchSize), \(batches) batches per point, v_x = \(inputVariance), v_y = \(noiseVariance)"]
        var t = Table(title: "Minibatch-gradient covariance", "point", "Q", "tr Σ̂", "tr Σ formula", "Σ̂/Σ", "max z",
                      "tr H", "B·tr Σ̂/tr H", "formula B·trΣ/trH")
        func f(_ v: Double?) -> String { v.map { NumberFormat.significant($0, digits: 4) } ?? "—" }
        for r in points {
            let tr = { (m: [[Double]]) in m.indices.reduce(0) { $0 + m[$1][$1] } }
            t.append("(" + r.point.map { NumberFormat.significant($0) }.joined(separator: ", ") + ")",
                     NumberFormat.significant(r.q, digits: 3), NumberFormat.significant(tr(r.empirical), digits: 4),
                     NumberFormat.significant(tr(r.formula), digits: 4),
                     r.ratioToFormula.map { NumberFormat.plusMinus($0, r.ratioToFormulaError ?? 0) } ?? "—",
                     String(format: "%.2f", r.maxZ), NumberFormat.significant(tr(r.hessian), digits: 4),
                     f(r.ratioToHessian), f(r.predictedRatioToHessian))
        }
        out.append(t.renderText())
        if variables.count >= 2 { out.append(matrixText) }
        return out.joined(separator: "\n")
    }

    /// Σ̂ and H as matrices: eigenvalues, numerical rank (|λ| > 10⁻⁹ max|λ|),
    /// principal eigenvectors and the angle between them.
    public var matrixText: String {
        func f(_ v: Double) -> String { NumberFormat.significant(v, digits: 3) }
        func vec(_ v: [Double]) -> String {
            // Sign fixed so that the largest entry is positive.
            let s = (v.max(by: { abs($0) < abs($1) }) ?? 1) < 0 ? -1.0 : 1.0
            return "(" + v.map { f(s * $0) }.joined(separator: ", ") + ")"
        }
        var t = Table(title: "Σ̂ and H as matrices", "point", "eigenvalues Σ̂", "rank Σ̂", "eigenvalues H", "rank H",
                      "principal Σ̂", "principal H", "angle (°)")
        for r in points {
            let e = r.empiricalSpectrum, h = r.hessianSpectrum
            t.append("(" + r.point.map { NumberFormat.significant($0) }.joined(separator: ", ") + ")",
                     e.map { $0.values.map(f).joined(separator: ", ") } ?? "—", e.map { "\($0.rank)" } ?? "—",
                     h.map { $0.values.map(f).joined(separator: ", ") } ?? "—", h.map { "\($0.rank)" } ?? "—",
                     e.map { $0.rank > 0 ? vec($0.principal) : "—" } ?? "—", h.map { $0.rank > 0 ? vec($0.principal) : "—" } ?? "—",
                     r.principalAngle.map { String(format: "%.2f", $0) } ?? "—")
        }
        return t.renderText()
    }

    /// tr Σ̂ / tr Σ (with its error) and B tr Σ̂ / tr H against the point's index.
    public var ratioPlot: Plot {
        var p = Plot(title: "SGD noise covariance: ratios", xLabel: "point", yLabel: "ratio")
        let x = points.indices.map { Double($0 + 1) }
        p.series.append(.init("tr Σ̂ / tr Σ(formula)", style: .scatter, x: x, y: points.map { $0.ratioToFormula ?? .nan },
                              yError: points.map { $0.ratioToFormulaError ?? 0 }))
        p.series.append(.init("B tr Σ̂ / tr H", style: .scatter, x: x, y: points.map { $0.ratioToHessian ?? .nan }))
        return p
    }
}
