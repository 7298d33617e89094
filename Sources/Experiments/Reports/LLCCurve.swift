import Foundation
import Reports

/// λ̂ along a training run (`LLCCurveRun`): one full `LLCReport` per
/// checkpoint, shown as a table (step, train loss, λ̂ ± MCSE, verdict), a CSV,
/// JSON (`LLCCurveJSON`) and a two-axis plot (λ̂ with MCSE bars on the left,
/// the train loss on the right, against the step).
public struct LLCCurve: Sendable {
    public struct Row: Sendable {
        public var step: Int
        /// The full-data train loss the checkpoint recorded (nil when it has none).
        public var trainLoss: Double?
        /// The checkpoint's file.
        public var source: String
        public var report: LLCReport
    }

    public var title: String
    public var rows: [Row]

    /// The verdict of a row in a few words: `ok`, or the level and its reasons' codes.
    static func verdictSummary(_ report: LLCReport) -> String {
        let v = report.estimate.verdict
        let codes = v.reasons.map(\.code.rawValue)
        return codes.isEmpty ? v.level.rawValue : "\(v.level.rawValue) (\(codes.joined(separator: ", ")))"
    }

    private var optimizesCenter: Bool { rows.contains { $0.report.centerMove != nil } }

    public var table: Table {
        var columns: [Table.Column] = [.init("step"), .init("train loss"), .init("L_n(w*)"), .init("λ̂ ± MCSE")]
        if optimizesCenter { columns += [.init("moved"), .init("|∇L_n| before → after", alignment: .left)] }
        columns.append(.init("verdict", alignment: .left))
        var table = Table(columns: columns)
        for row in rows {
            let e = row.report.estimate
            var cells = ["\(row.step)", row.trainLoss.map { NumberFormat.significant($0) } ?? "-",
                         NumberFormat.significant(e.lossAtCenter), NumberFormat.plusMinus(e.llcMean, e.llcMCSE)]
            if optimizesCenter {
                let move = row.report.centerMove
                cells.append(move.map { NumberFormat.significant($0.distance, digits: 3) } ?? "-")
                cells.append(move.map { "\(NumberFormat.significant($0.gradientNormBefore, digits: 3)) → \(NumberFormat.significant($0.gradientNormAfter, digits: 3))" } ?? "-")
            }
            cells.append(Self.verdictSummary(row.report))
            table.append(cells)
        }
        return table
    }

    /// The terminal report: the settings of the first estimate (all share them) and the table.
    public func renderText() -> String {
        var out = "\(title)\n"
        if let first = rows.first?.report {
            let e = first.estimate
            out += String(format: "n = %d, nβ = %.6g, sampler %@, localization %.3g, %d chains × %d draws per checkpoint\n",
                          e.sampleCount, e.nbeta, e.sampler, e.localization, first.results.count, e.draws)
            if !first.configuration.isEmpty { out += "settings: " + first.configuration.map(\.summary).joined(separator: ", ") + "\n" }
        }
        out += "\n" + table.renderText()
        return out
    }

    /// step, source, train_loss, loss_at_center, llc, llc_mcse, llc_std, rhat, ess_bulk, step_size, verdict
    /// (and the centre's move when optimised).
    public func csv() -> String {
        var header = ["step", "file", "train_loss", "loss_at_center", "llc", "llc_mcse", "llc_std", "rhat", "ess_bulk", "step_size", "verdict"]
        if optimizesCenter { header += ["center_distance", "gradient_norm_before", "gradient_norm_after"] }
        var out = CSVWriter.row(header)
        for row in rows {
            let e = row.report.estimate
            var fields = ["\(row.step)", row.source, row.trainLoss.map { "\($0)" } ?? "", "\(e.lossAtCenter)", "\(e.llcMean)",
                          "\(e.llcMCSE)", "\(e.llcStd)", "\(e.rhat)", "\(e.essBulk)", "\(e.stepSize)", e.verdict.level.rawValue]
            if optimizesCenter {
                let m = row.report.centerMove
                fields += [m.map { "\($0.distance)" } ?? "", m.map { "\($0.gradientNormBefore)" } ?? "", m.map { "\($0.gradientNormAfter)" } ?? ""]
            }
            out += CSVWriter.row(fields)
        }
        return out
    }

    /// λ̂ ± MCSE (left axis) and the train loss (right axis) against the training step.
    public func plot() -> Plot {
        var plot = Plot(title: title, xLabel: "training step", yLabel: "λ̂ (± MCSE)")
        plot.series.append(.init("λ̂", style: .lineAndPoints, x: rows.map { Double($0.step) },
                                 y: rows.map(\.report.estimate.llcMean), yError: rows.map(\.report.estimate.llcMCSE)))
        let losses = rows.compactMap { row in row.trainLoss.map { (Double(row.step), $0) } }
        if !losses.isEmpty {
            let positive = losses.allSatisfy { $0.1 > 0 }
            plot.secondary = Plot.SecondAxis(label: "train loss L_n", scale: positive ? .log : .linear, series: [
                .init("train loss", style: .lineAndPoints, x: losses.map(\.0), y: losses.map(\.1), dashed: true),
            ])
        }
        return plot
    }
}

/// The JSON of an LLC curve: `schema_version`, `rlct_version`, and
/// `checkpoints`, one object per checkpoint: `step`, `file`, `train_loss`
/// and every key of the single-estimate `LLCJSON`.
public struct LLCCurveJSON: Encodable {
    public var curve: LLCCurve
    public var version: String

    public init(_ curve: LLCCurve, version: String) {
        self.curve = curve
        self.version = version
    }

    enum Keys: String, CodingKey {
        case schemaVersion = "schema_version", version = "rlct_version", title, checkpoints
    }

    struct Entry: Encodable {
        var row: LLCCurve.Row
        var version: String
        enum Keys: String, CodingKey { case step, file, trainLoss = "train_loss" }
        func encode(to encoder: Encoder) throws {
            try LLCJSON(row.report, version: version).encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(row.step, forKey: .step)
            try c.encode(row.source, forKey: .file)
            try c.encodeIfPresent(row.trainLoss, forKey: .trainLoss)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(LLCJSON.schemaVersion, forKey: .schemaVersion)
        try c.encode(version, forKey: .version)
        try c.encode(curve.title, forKey: .title)
        try c.encode(curve.rows.map { Entry(row: $0, version: version) }, forKey: .checkpoints)
    }
}
