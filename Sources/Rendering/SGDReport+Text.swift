import Dynamics
import Reports

extension SGDReport {
    /// The settings line, and the diverged count when there are any.
    public var header: [String] {
        let data = samples.map { "dataset of n = \($0), batches without replacement" } ?? "fresh samples every step"
        var lines = ["Q = \(q); η = \(learningRate), B = \(batchSize), μ = \(momentum); \(trajectories) trajectories × \(steps) steps; \(data); start uniform in [\(initRange[0]), \(initRange[1])]"]
        if diverged > 0 { lines.append("diverged: \(diverged) trajectories (excluded)") }
        return lines
    }

    /// The 1-D text: basins table, regular-basin fraction, decay fits, escapes
    /// and the posterior comparison (empty without `escape` and `posterior`).
    public var escapeText: String {
        guard let e = escape, let p = posterior else { return "" }
        var out = header
        var t = Table(title: "Basins of Q² (order k: loss ∝ (w − m)^2k)", "basin", "minimum", "k", "right barrier",
                      "SGD at end", "posterior")
        for i in e.basins.minima.indices {
            t.append("\(i)\(i == e.regularBasin ? " (regular)" : "")", NumberFormat.significant(e.basins.minima[i], digits: 5),
                     "\(e.basins.orders[i])", i < e.basins.boundaries.count ? NumberFormat.significant(e.basins.boundaries[i], digits: 5) : "—",
                     NumberFormat.significant(p.basinSGD[i], digits: 4), NumberFormat.significant(p.basinPosterior[i], digits: 4))
        }
        out.append(t.renderText())
        let f = e.regularFraction
        let marks = [0, f.count / 10, f.count / 4, f.count / 2, f.count - 1]
        out.append("fraction in the regular basin: " + marks.map { "t=\(e.times[$0]): \(NumberFormat.significant(f[$0], digits: 4))" }.joined(separator: ", "))
        if let fit = e.fit {
            out.append("decay rate (GSL weighted fit of log f, t ≥ \(e.fitStart), \(fit.points) points): \(NumberFormat.plusMinus(fit.rate, fit.rateError)) per step, χ²/dof \(NumberFormat.significant(fit.chiSquaredPerDof, digits: 3))")
        } else {
            out.append("decay rate: no fit (fewer than 3 records with ≥ 20 trajectories in the basin and some escaping)")
        }
        if let h = e.hazard {
            out.append("hazard (censored exponential MLE after t = \(e.fitStart)): \(NumberFormat.plusMinus(h.rate, h.rateError)) per step from \(h.escapes) escapes")
        }
        out.append("started in the regular basin: \(e.startedInRegular); escaped by the end: \(e.escaped) (of those still in it at t = \(e.fitStart): \(e.escapedAfterSettling)); entered it from elsewhere: \(e.returned)")
        out.append("posterior at n = \(p.n) (\(p.fromDataset ? "the training dataset" : "population loss")): total variation to the SGD histogram \(NumberFormat.significant(p.totalVariation, digits: 3)) over \(p.sgd.count) bins")
        if let r = replicates, r.replicates.count > 1 { out.append(Self.replicateText(r)) }
        return out.joined(separator: "\n")
    }

    /// `mean ± se` over replicates, with the range of the values.
    static func overReplicates(_ s: ReplicateStatistic, digits: Int = 4) -> String {
        guard s.mean.isFinite else { return "—" }
        let range = s.range.map { " [\(NumberFormat.significant($0.lowerBound, digits: digits))–\(NumberFormat.significant($0.upperBound, digits: digits))]" } ?? ""
        return (s.standardError.map { NumberFormat.plusMinus(s.mean, $0) } ?? NumberFormat.significant(s.mean, digits: digits)) + range
    }

    /// The replicates table and the statistics over replicates.
    static func replicateText(_ r: EscapeReplicates) -> String {
        let R = r.replicates.count
        var t = Table(title: "Replicates (fresh dataset and trajectories each; ± = that replicate's shared-dataset error)",
                      columns: ["replicate", "started regular", "escaped"].map { Table.Column($0) }
                      + r.markTimes.dropFirst().map { Table.Column("f(t=\($0))") }
                      + ["fit rate", "hazard rate", "diverged"].map { Table.Column($0) })
        for row in r.replicates {
            t.append(["\(row.replicate + 1)", "\(row.startedInRegular)", "\(row.escaped)"]
                     + row.regularFraction.dropFirst().map { NumberFormat.significant($0, digits: 4) }
                     + [row.fitRate.map { NumberFormat.plusMinus($0, row.fitRateSharedDatasetError ?? 0) } ?? "—",
                        row.hazardRate.map { NumberFormat.plusMinus($0, row.hazardRateSharedDatasetError ?? 0) } ?? "—",
                        "\(row.diverged)"])
        }
        var out = [t.renderText()]
        out.append("over R = \(R) replicates (mean ± sd/√R [range]): decay rate, fit \(overReplicates(r.fitRate)); hazard \(overReplicates(r.hazardRate)); escaped fraction \(overReplicates(r.escapedFraction)); diverged \(NumberFormat.significant(r.diverged.mean, digits: 3)) per replicate")
        out.append("regular-basin fraction over replicates: " + zip(r.markTimes, r.regularFraction).dropFirst().map { "t=\($0.0): \(overReplicates($0.1))" }.joined(separator: ", "))
        return out.joined(separator: "\n")
    }

    /// The 2-D (or higher) text: distance to the origin at a few times (empty without `distance`).
    public var distanceText: String {
        guard let d = distance else { return "" }
        var out = header
        var t = Table(title: "Distance to the origin", columns: ["t", "mean |w|", "median", "quartiles"].map { Table.Column($0) }
                      + variables.map { Table.Column("mean |\($0)|") })
        let marks = Array(Set([0, 1, d.times.count / 10, d.times.count / 4, d.times.count / 2, d.times.count - 1])).sorted()
        for i in marks where i < d.times.count {
            t.append(["\(d.times[i])", NumberFormat.significant(d.mean[i]), NumberFormat.significant(d.median[i]),
                      "\(NumberFormat.significant(d.lowerQuartile[i], digits: 3))–\(NumberFormat.significant(d.upperQuartile[i], digits: 3))"]
                     + d.meanAbsolute.map { NumberFormat.significant($0[i]) })
        }
        out.append(t.renderText())
        return out.joined(separator: "\n")
    }
}
