import Foundation
import Reports

extension SelectionResult {
    /// The table of candidates (criteria on the F_n scale, lower is better)
    /// and the line of selections.
    public func renderText() -> String {
        var columns = ["candidate", "d", "dim", "λ", "log-lik"]
        columns += criteria.map { $0 == .wbic ? "WBIC ± MCSE" : $0 == .exact ? "F_n (exact)" : $0.title }
        var table = Table(title: "Model selection, \(family), n = \(sampleCount), σ = \(NumberFormat.significant(sigma)) (criteria estimate F_n: lower is better)",
                          columns: columns.enumerated().map { Table.Column($0.element, alignment: $0.offset == 0 ? .left : .right) })
        func number(_ x: Double) -> String { String(format: "%.3f", x) }
        for row in rows {
            var cells = [row.candidate.name, "\(row.candidate.parameters)", "\(row.candidate.dimension)",
                         NumberFormat.significant(row.lambda, digits: 6), number(row.logLikelihood)]
            for c in criteria {
                switch c {
                case .bic: cells.append(number(row.bic))
                case .sbic: cells.append(number(row.sbic))
                case .wbic:
                    cells.append(row.wbic.map { w in row.wbicError.map { "\(number(w)) ± \(NumberFormat.significant($0, digits: 2))" } ?? number(w) } ?? "—")
                case .exact:
                    cells.append(row.freeEnergy.map(number) ?? "— (d > \(ModelSelection.exactDimensionLimit))")
                }
            }
            table.append(cells)
        }
        var out = table.renderText()
        let chosen = selected
        if !chosen.isEmpty {
            out += "selected: " + chosen.map { "\($0.criterion.title) → \($0.name)" }.joined(separator: ", ") + "\n"
        }
        for c in criteria where !chosen.contains(where: { $0.criterion == c }) {
            out += "\(c.title) selects nothing: it is not available for every candidate\n"
        }
        if criteria.contains(.sbic) {
            out += "sBIC equations solved to a relative residual of \(String(format: "%.1e", sbicResidual))\n"
        }
        if let pairs = pairCoefficients { out += renderPairs(pairs) }
        let verdicts = rows.compactMap { r in r.wbicVerdict.map { (r.candidate.name, $0) } }.filter { $0.1.level != .ok }
        for (name, v) in verdicts {
            for line in v.lines() { out += "WBIC of \(name): \(line)\n" }
        }
        return out
    }

    /// The λ_ij sBIC used, marking the upper bounds, and their sources.
    func renderPairs(_ pairs: [[PairCoefficient?]]) -> String {
        let names = rows.map(\.candidate.name)
        var table = Table(title: "λ_ij used by sBIC (row: candidate i fitted; column: truth in candidate j ⪯ i; ≤: an upper bound, used as λ with m = 1)",
                          columns: [Table.Column("candidate", alignment: .left)] + names.map { Table.Column("truth \($0)") })
        for (i, row) in pairs.enumerated() {
            table.append([names[i]] + row.map { $0?.text ?? "" })
        }
        var out = table.renderText()
        var sources: [String] = []
        for row in pairs {
            for c in row.compactMap({ $0 }) where c.lambda != .zero || c.source != "—" {
                let line = (c.upperBound ? "upper bound: " : "exact: ") + c.source
                if !sources.contains(line) { sources.append(line) }
            }
        }
        for line in sources { out += "λ \(line)\n" }
        return out
    }

    /// Every computed criterion against the candidate's rank.
    public func plot() -> Plot {
        var figure = Plot(title: "Model selection, \(family), n = \(sampleCount)", xLabel: "candidate rank",
                          yLabel: "criterion (estimate of F_n; lower is better)")
        let x = rows.map { Double($0.candidate.rank) }
        for c in criteria {
            let points = rows.indices.compactMap { i in rows[i].value(c).map { (x[i], $0, c == .wbic ? rows[i].wbicError : nil) } }
            guard !points.isEmpty else { continue }
            figure.series.append(.init(c.title, x: points.map(\.0), y: points.map(\.1),
                                       yError: c == .wbic ? points.map { $0.2 ?? 0 } : nil))
        }
        return figure
    }
}

extension SelectionSimulation.Result {
    /// For each criterion, the frequency of every candidate rank at every n,
    /// then the correct-rank frequencies side by side.
    public func renderText() -> String {
        var out = "\(replicates) replicates per n, \(family), true rank \(trueRank) (singular values \(singularValues.map { NumberFormat.significant($0) }.joined(separator: ", "))), seed \(seed)\n"
        for c in selections {
            var table = Table(title: "\(c.criterion.title): replicates selecting each rank",
                              columns: [Table.Column("n", alignment: .right)] + candidateRanks.map { Table.Column("\($0)") })
            for (t, n) in sampleSizes.enumerated() { table.append(["\(n)"] + c.counts[t].map(String.init)) }
            out += table.renderText()
        }
        var table = Table(title: "Frequency of the true rank \(trueRank)",
                          columns: [Table.Column("n")] + selections.map { Table.Column($0.criterion.title) })
        for (t, n) in sampleSizes.enumerated() {
            table.append(["\(n)"] + selections.map { String(format: "%.3f", correctFrequency($0.criterion, size: t) ?? 0) })
        }
        out += table.renderText()
        return out
    }

    /// The correct-rank frequency of each criterion against n.
    public func plot() -> Plot {
        var figure = Plot(title: "Selecting the true rank \(trueRank), \(family) (\(replicates) replicates)",
                          xLabel: "n", yLabel: "frequency of the true rank", xScale: .log)
        for c in selections {
            figure.series.append(.init(c.criterion.title, x: sampleSizes.map(Double.init),
                                       y: sampleSizes.indices.map { correctFrequency(c.criterion, size: $0) ?? 0 }))
        }
        return figure
    }
}
