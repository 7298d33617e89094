import Estimators
import Models
import Reports
import Sampling

/// Runs a calibration grid on whatever model it is handed.
public struct CalibrationRun: AsyncModelVisitor {
    public var kind: SamplerKind
    public var stepSizes: [Double]
    public var localizations: [Double]
    /// nβ values; empty means n / log n only.
    public var nbetas: [Double]
    public var prior: Prior
    public var center: [String: Double]
    public var settings: ChainSettings
    public var progress: (@Sendable (Int) -> Void)?

    public init(kind: SamplerKind, stepSizes: [Double], localizations: [Double], nbetas: [Double], prior: Prior,
                center: [String: Double], settings: ChainSettings, progress: (@Sendable (Int) -> Void)? = nil) {
        self.kind = kind
        self.stepSizes = stepSizes
        self.localizations = localizations
        self.nbetas = nbetas
        self.prior = prior
        self.center = center
        self.settings = settings
        self.progress = progress
    }

    public func visit<M: Model>(_ model: M) async throws -> Calibration {
        // Validates w* against the model and the prior.
        let base = try LLCRequest(sampler: SamplerConfiguration(kind: kind, stepSize: 1), prior: prior, center: center).posterior(for: model)
        let betas = nbetas.isEmpty ? [Posterior<M>.defaultNBeta(sampleCount: model.sampleCount)] : nbetas
        return try await Calibration.run(model: model, center: base.center, prior: base.prior,
                                         sampler: SamplerConfiguration(kind: kind, stepSize: 1), stepSizes: stepSizes,
                                         localizations: localizations, nbetas: betas, settings: settings, progress: progress)
    }
}

extension Calibration {
    /// The grid as a table: one row per cell.
    public var table: Table {
        var t = Table(columns: [.init("step size"), .init("localization"), .init("nβ"), .init("λ̂"), .init("± se"), .init("R̂"), .init("acc."), .init("div."), .init("verdict", alignment: .left)])
        for c in cells {
            let e = c.estimate
            let acc = e.acceptance ?? e.diagnosticAcceptance
            t.append([String(format: "%.3g", c.stepSize), String(format: "%.3g", c.localization), String(format: "%.4g", c.nbeta),
                      NumberFormat.significant(e.llcMean), NumberFormat.significant(Calibration.standardError(e), digits: 2),
                      String(format: "%.3f", e.rhat), acc.map { String(format: "%.2f", $0) } ?? "-", "\(e.divergences.count)",
                      c.onPlateau ? "plateau" : (c.usable ? "usable" : (c.rejection ?? "rejected"))])
        }
        return t
    }

    /// λ̂ ± se against the step size (log axis), one series per localization and nβ.
    public func plot(title: String) -> Plot {
        var plot = Plot(title: title, xLabel: "step size", yLabel: "λ̂", xScale: .log)
        let groups = Dictionary(grouping: cells) { "γ = \(NumberFormat.significant($0.localization, digits: 3)), nβ = \(NumberFormat.significant($0.nbeta, digits: 4))" }
        for key in groups.keys.sorted() {
            let cells = groups[key]!.filter { $0.estimate.llcMean.isFinite }.sorted { $0.stepSize < $1.stepSize }
            plot.series.append(.init(key, x: cells.map(\.stepSize), y: cells.map(\.estimate.llcMean),
                                     yError: cells.map { Calibration.standardError($0.estimate) }))
        }
        if let r = recommended, r.estimate.llcMean.isFinite {
            plot.references.append(.init(y: r.estimate.llcMean, label: "recommended: ε = \(NumberFormat.significant(r.stepSize, digits: 3))"))
        }
        return plot
    }
}
