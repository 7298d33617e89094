import Dynamics
import Foundation
import Reports

/// What `rlct sgd-posterior` reports: for each Q, the posterior's and the SGD
/// ensemble's mass near the origin and mean |w1|, |w2| against n.
public struct PlaneSGDPosteriorReport: Codable, Sendable {
    public struct Model: Codable, Sendable {
        public var q: String
        public var variables: [String]
        public var rows: [PlaneSGDPosterior.Row]
        public init(q: String, variables: [String], rows: [PlaneSGDPosterior.Row]) {
            self.q = q; self.variables = variables; self.rows = rows
        }
    }
    public var learningRate: Double
    public var batchSize: Int
    public var trajectories: Int
    public var initRange: [Double]
    public var radius: Double
    public var seed: UInt64
    public var models: [Model]

    public init(learningRate: Double, batchSize: Int, trajectories: Int, initRange: [Double], radius: Double, seed: UInt64,
                models: [Model]) {
        self.learningRate = learningRate; self.batchSize = batchSize; self.trajectories = trajectories
        self.initRange = initRange; self.radius = radius; self.seed = seed; self.models = models
    }

    public var text: String {
        var out = ["η = \(learningRate), B = \(batchSize), \(trajectories) trajectories, one epoch of n samples (n/B steps), start and flat prior uniform on [\(initRange[0]), \(initRange[1])]²; near O: |w| < \(radius)"]
        func f(_ v: Double) -> String { NumberFormat.significant(v, digits: 3) }
        for m in models {
            let v = m.variables
            var t = Table(title: "Q = \(m.q): posterior at n against the SGD ensemble after n samples",
                          "n", "steps", "posterior near O", "SGD near O", "posterior mean |\(v[0])|", "SGD mean |\(v[0])|",
                          "posterior mean |\(v[1])|", "SGD mean |\(v[1])|", "diverged")
            for r in m.rows {
                t.append("\(r.n)", "\(r.steps)", f(r.posteriorNearOrigin), NumberFormat.plusMinus(r.sgdNearOrigin, r.sgdNearOriginError),
                         f(r.posteriorMeanAbs[0]), f(r.sgdMeanAbs[0]), f(r.posteriorMeanAbs[1]), f(r.sgdMeanAbs[1]), "\(r.diverged)")
            }
            out.append(t.renderText())
        }
        return out.joined(separator: "\n")
    }

    /// Mass within the radius of O against n (log scale): posterior solid, SGD dashed, per Q.
    public var plot: Plot {
        var p = Plot(title: "Mass near the origin (|w| < \(radius)): posterior vs SGD", xLabel: "n", yLabel: "fraction near O",
                     xScale: .log)
        for (i, m) in models.enumerated() {
            let color = Plot.palette[i % Plot.palette.count]
            let n = m.rows.map { Double($0.n) }
            p.series.append(.init("posterior, Q = \(m.q)", x: n, y: m.rows.map(\.posteriorNearOrigin), color: color))
            p.series.append(.init("SGD, Q = \(m.q)", x: n, y: m.rows.map(\.sgdNearOrigin), yError: m.rows.map(\.sgdNearOriginError),
                                  dashed: true, color: color))
        }
        return p
    }
}
