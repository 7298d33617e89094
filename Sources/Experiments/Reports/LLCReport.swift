import Estimators
import Foundation
import Reports
import Sampling

/// How an LLC run is shown: a terminal summary, the per-chain table, the
/// trace CSV and the running-estimate plot.
public struct LLCReport: Sendable, Codable {
    public var title: String
    public var estimate: LLCEstimate
    public var results: [ChainResult]
    public var parameterNames: [String]
    /// Every setting with its source (`RunConfiguration.provenance`); empty when not resolved.
    public var configuration: [ResolvedSetting] = []
    /// How `--step-size auto` chose the step for SGLD/SGNHT.
    public var pilot: StepSizePilot?
    /// The steps MALA/HMC chains adapted to during burn-in (chain order).
    public var adaptedStepSizes: [Double]?
    /// The acceptance rate they adapted to.
    public var adaptationTarget: Double?
    /// How the chains were extended towards the MCSE target.
    public var precision: PrecisionTarget?
    public var timings: Timings?
    /// The exact (or smaller-step) cross-check of an SGLD/SGNHT estimate.
    public var crossCheck: LLCCrossCheck?
    /// How `--optimize-center` moved w* (nil when it was not asked).
    public var centerMove: CenterMove?

    /// Wall-clock seconds of the run's stages.
    public struct Timings: Sendable, Codable {
        /// The step-size pilot (0 without one).
        public var pilot: Double
        /// The chains, their extensions and their diagnostics.
        public var sampling: Double
        /// The cross-check (0 without one).
        public var crossCheck: Double

        public init(pilot: Double, sampling: Double, crossCheck: Double = 0) {
            self.pilot = pilot
            self.sampling = sampling
            self.crossCheck = crossCheck
        }

        enum CodingKeys: String, CodingKey {
            case pilot = "pilot_seconds", sampling = "sampling_seconds", crossCheck = "cross_check_seconds"
        }
    }

    public init(title: String, estimate: LLCEstimate, results: [ChainResult], parameterNames: [String]) {
        self.title = title
        self.estimate = estimate
        self.results = results
        self.parameterNames = parameterNames
    }

    /// The per-chain table.
    public var chainTable: Table {
        var table = Table(columns: [.init("chain"), .init("λ̂"), .init("draws"), .init(estimate.acceptance != nil ? "acceptance" : "MALA-acc."), .init("status", alignment: .left)])
        for r in results {
            let acc = r.acceptanceRate ?? r.diagnosticAcceptance
            table.append([
                "\(r.chain)", NumberFormat.significant(estimate.chains[r.chain]), "\(r.losses.count)",
                acc.map { String(format: "%.3f", $0) } ?? "-",
                r.divergence.map { "diverged at step \($0.step): \($0.reason.rawValue)" } ?? "ok",
            ])
        }
        return table
    }

    /// The whole terminal report.
    public func renderText() -> String {
        let e = estimate
        var out = "\(title)\n"
        out += String(format: "n = %d, nβ = %.6g, sampler %@, step size %.3g, localization %.3g\n", e.sampleCount, e.nbeta, e.sampler, e.stepSize, e.localization)
        if let step = stepSizeChoice { out += "step size: \(step)\n" }
        if !configuration.isEmpty { out += configuration.settingsText() + "\n" }
        if let centerMove { out += "optimize-center: \(centerMove.summary)\n" }
        out += "\n"
        out += chainTable.renderText() + "\n"
        out += "λ̂ = \(NumberFormat.plusMinus(e.llcMean, e.llcMCSE)) (± MCSE), std across chains \(NumberFormat.significant(e.llcStd))\n"
        out += String(format: "R̂ = %.4f, ESS bulk %.0f, tail %.0f", e.rhat, e.essBulk, e.essTail)
        if let a = e.acceptance { out += String(format: ", acceptance %.3f", a) }
        if let a = e.diagnosticAcceptance { out += String(format: ", MALA acceptance of SGLD steps %.3f", a) }
        out += "\n"
        if let precision { out += "precision: \(precision.summary)\n" }
        if let crossCheck { out += "\(crossCheck.summary)\n" }
        for line in e.verdict.lines() { out += line + "\n" }
        return out
    }

    /// Per-draw CSV: chain, draw, loss, and the parameters when recorded.
    public func traceCSV() -> String {
        let withPositions = results.contains { $0.positions != nil }
        var out = CSVWriter.row(["chain", "draw", "loss"] + (withPositions ? parameterNames : []))
        let d = parameterNames.count
        for r in results {
            for (i, loss) in r.losses.enumerated() {
                var row = ["\(r.chain)", "\(i)", "\(loss)"]
                if withPositions, let p = r.positions {
                    row += (0..<d).map { "\(p[i * d + $0])" }
                }
                out += CSVWriter.row(row)
            }
        }
        return out
    }

    /// Running λ̂ of each chain against the draw number.
    public func plot(reference: Double? = nil) -> Plot {
        var plot = Plot(title: title, xLabel: "draw", yLabel: "running λ̂ = nβ (mean L_n − L_n(w*))")
        for r in results where !r.losses.isEmpty {
            var sum = 0.0
            var xs: [Double] = [], ys: [Double] = []
            let stride = max(1, r.losses.count / 400)
            for (i, loss) in r.losses.enumerated() {
                sum += loss
                if i % stride == 0 || i == r.losses.count - 1 {
                    xs.append(Double(i + 1))
                    ys.append(estimate.nbeta * (sum / Double(i + 1) - r.initialLoss))
                }
            }
            plot.series.append(.init("chain \(r.chain)", style: .line, x: xs, y: ys))
        }
        if let reference { plot.references.append(.init(y: reference, label: String(format: "λ = %.4g", reference))) }
        return plot
    }
}
