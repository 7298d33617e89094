import Estimators
import Foundation
import Reports
import Sampling

extension ResolvedSetting {
    /// `chains 4 (spec)`, `sampler mala (default: potential: exact sampler)`.
    public var summary: String {
        let source = note.map { "\(self.source.rawValue): \($0)" } ?? self.source.rawValue
        return "\(name) \(value) (\(source))"
    }
}

extension Array where Element == ResolvedSetting {
    /// `settings: a (default), b (spec), …` wrapped at `width` columns, continuation lines indented.
    public func settingsText(width: Int = 100) -> String {
        var lines: [String] = []
        var line = "settings:"
        for (i, setting) in enumerated() {
            let item = " " + setting.summary + (i == count - 1 ? "" : ",")
            if line.count + item.count > width, line.count > 10 {
                lines.append(line)
                line = "         " + item
            } else {
                line += item
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}

extension LLCReport {
    /// The acceptance the adaptation aimed at (`ChainSettings.targetAcceptance`).
    var targetAcceptance: Double? { adaptationTarget }

    /// How the step size was chosen, when it was chosen automatically.
    public var stepSizeChoice: String? {
        if let pilot {
            let rungs = pilot.trials.map { NumberFormat.significant($0.stepSize, digits: 2) }.joined(separator: ", ")
            var text = String(format: "%.3g chosen by a pilot over %@ (%d steps, %.1f s): %@",
                              pilot.stepSize, rungs, pilot.steps, timings?.pilot ?? 0, pilot.reason)
            if let c = pilot.curvature {
                text += String(format: "; the ladder starts at the first rung ≤ %g/λmax(∇²U) = %.3g, λmax(∇²U) = nβ·%.4g + γ + prior (largest curvature of L_n at w*, %d power iterations on %d samples)",
                               StepSizePilot.curvatureFactor, StepSizePilot.curvatureFactor / c.potential, c.loss, c.iterations, c.samples)
            }
            return text
        }
        if let adapted = adaptedStepSizes, let lo = adapted.min(), let hi = adapted.max() {
            let range = lo == hi ? NumberFormat.significant(lo, digits: 3)
                : "\(NumberFormat.significant(lo, digits: 3))–\(NumberFormat.significant(hi, digits: 3))"
            return "\(range) adapted per chain to acceptance \(NumberFormat.significant(targetAcceptance ?? 0.8, digits: 2)) during the burn-in"
        }
        return nil
    }
}

/// The JSON of `rlct llc --json` (schema in docs/json.md): the estimate's keys
/// at the top level, then the resolved configuration, how the step size was
/// chosen, the precision target and the timings.
public struct LLCJSON: Encodable {
    public static let schemaVersion = 1
    public var report: LLCReport
    public var version: String

    public init(_ report: LLCReport, version: String) {
        self.report = report
        self.version = version
    }

    enum Keys: String, CodingKey {
        case schemaVersion = "schema_version", version = "rlct_version", configuration, stepSizeSelection = "step_size_selection"
        case adaptedStepSizes = "adapted_step_sizes", precision, timings, crossCheck = "cross_check"
        case centerMove = "optimize_center"
    }

    public func encode(to encoder: Encoder) throws {
        try report.estimate.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Self.schemaVersion, forKey: .schemaVersion)
        try c.encode(version, forKey: .version)
        try c.encode(report.configuration, forKey: .configuration)
        try c.encodeIfPresent(report.pilot, forKey: .stepSizeSelection)
        try c.encodeIfPresent(report.adaptedStepSizes, forKey: .adaptedStepSizes)
        try c.encodeIfPresent(report.precision, forKey: .precision)
        try c.encodeIfPresent(report.timings, forKey: .timings)
        try c.encodeIfPresent(report.crossCheck, forKey: .crossCheck)
        try c.encodeIfPresent(report.centerMove, forKey: .centerMove)
    }
}
