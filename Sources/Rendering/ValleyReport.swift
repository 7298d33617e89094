import Dynamics
import Foundation
import Reports

/// What `rlct sgd-langevin` reports: SGD and Langevin along a valley of minima.
public struct ValleyReport: Codable, Sendable {
    public var q: String
    public var variables: [String]
    public var start: [Double]
    public var learningRate: Double
    public var batchSize: Int
    public var steps: Int
    public var trajectories: Int
    public var seed: UInt64
    public var result: ValleyDiffusion.Result

    public init(q: String, variables: [String], start: [Double], learningRate: Double, batchSize: Int, steps: Int,
                trajectories: Int, seed: UInt64, result: ValleyDiffusion.Result) {
        self.q = q; self.variables = variables; self.start = start; self.learningRate = learningRate
        self.batchSize = batchSize; self.steps = steps; self.trajectories = trajectories; self.seed = seed; self.result = result
    }

    public var text: String {
        let r = result
        func f(_ v: Double) -> String { NumberFormat.significant(v, digits: 3) }
        var out = ["Q = \(q); start (\(start.map { NumberFormat.significant($0) }.joined(separator: ", "))); η = \(learningRate), B = \(batchSize), \(trajectories) trajectories × \(steps) steps; Langevin T = \(NumberFormat.significant(r.temperature, digits: 4))"]
        if r.sgd.diverged + r.langevin.diverged > 0 { out.append("diverged: SGD \(r.sgd.diverged), Langevin \(r.langevin.diverged)") }
        var columns = ["t"]
        for v in variables { columns += ["SGD mean \(v)", "SGD sd \(v)", "Langevin mean \(v)", "Langevin sd \(v)"] }
        var t = Table(title: "Along and across the valley", columns: columns.map { Table.Column($0) })
        let times = r.sgd.times
        let marks = Array(Set([0, times.count / 10, times.count / 4, times.count / 2, times.count - 1])).sorted()
        for i in marks {
            var row = ["\(times[i])"]
            for j in variables.indices {
                row += [f(r.sgd.mean[j][i]), f(r.sgd.standardDeviation[j][i]), f(r.langevin.mean[j][i]), f(r.langevin.standardDeviation[j][i])]
            }
            t.append(row)
        }
        out.append(t.renderText())
        return out.joined(separator: "\n")
    }

    /// Mean and spread of the last coordinate (along the valley) against t, for both.
    public var plot: Plot {
        let j = variables.count - 1, v = variables[j], r = result
        var p = Plot(title: "Along the valley: \(v) under SGD and Langevin", xLabel: "step t", yLabel: v)
        let t = r.sgd.times.map(Double.init)
        p.series.append(.init("SGD mean \(v)", style: .line, x: t, y: r.sgd.mean[j], color: Plot.palette[0]))
        p.series.append(.init("SGD mean ± sd", style: .line, x: t, y: zip(r.sgd.mean[j], r.sgd.standardDeviation[j]).map { $0 + $1 }, dashed: true, color: Plot.palette[0]))
        p.series.append(.init("", style: .line, x: t, y: zip(r.sgd.mean[j], r.sgd.standardDeviation[j]).map { $0 - $1 }, dashed: true, color: Plot.palette[0]))
        p.series.append(.init("Langevin mean \(v)", style: .line, x: t, y: r.langevin.mean[j], color: Plot.palette[1]))
        p.series.append(.init("Langevin mean ± sd", style: .line, x: t, y: zip(r.langevin.mean[j], r.langevin.standardDeviation[j]).map { $0 + $1 }, dashed: true, color: Plot.palette[1]))
        p.series.append(.init("", style: .line, x: t, y: zip(r.langevin.mean[j], r.langevin.standardDeviation[j]).map { $0 - $1 }, dashed: true, color: Plot.palette[1]))
        return p
    }
}
