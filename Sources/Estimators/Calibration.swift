import Foundation
import Models
import Sampling

/// A grid over step sizes × localizations (× nβ), one short LLC run per cell,
/// and a recommendation: the answer to "which step size?" that devinterp
/// users otherwise find by trial and error while λ̂ swings by 10×.
///
/// Rule (documented in docs/estimators.md): a cell is *usable* when no chain
/// diverged, R̂ ≤ 1.05 (calibration runs are short), the bulk ESS per chain is
/// at least 50 and the standard error at most 10% of λ̂ (an under-mixed cell has
/// wide error bars that would "agree" with anything), λ̂ ≥ 0, and the step is
/// accurate — MALA/HMC acceptance inside its band, or for SGLD/SGNHT the MALA
/// acceptance probability of its steps at least `LLCWarningThresholds.sgldAcceptance`. Within one localization (and nβ),
/// a usable cell is *on the plateau* when its λ̂ agrees with the usable cell at
/// the next smaller step size within two combined standard errors and within 5%. The
/// recommendation is the largest plateau step size (fastest mixing) at the
/// smallest localization that has one (least pull from the Gaussian term).
public struct Calibration: Sendable, Codable {
    public struct Cell: Sendable, Codable {
        public var stepSize: Double
        public var localization: Double
        public var nbeta: Double
        public var estimate: LLCEstimate
        public var usable: Bool
        public var onPlateau: Bool
        /// Why the cell is not usable, if it is not.
        public var rejection: String?

        enum CodingKeys: String, CodingKey {
            case stepSize = "step_size", localization, nbeta, estimate, usable, onPlateau = "on_plateau", rejection
        }
    }

    public var cells: [Cell]
    public var recommended: Cell?
    public var reason: String

    /// Runs the grid: `sampler` with each step size in turn.
    public static func run<M: Model>(
        model: M, center: [Double], prior: Prior = .flat,
        sampler: SamplerConfiguration, stepSizes: [Double], localizations: [Double], nbetas: [Double],
        settings: ChainSettings, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> Calibration {
        var cells: [Cell] = []
        for nbeta in nbetas {
            for gamma in localizations {
                for eps in stepSizes.sorted() {
                    let posterior = Posterior(model: model, nbeta: nbeta, localization: gamma, center: center, prior: prior)
                    var configuration = sampler
                    configuration.stepSize = eps
                    let (estimate, _) = await LocalLearningCoefficient.estimate(posterior: posterior, sampler: configuration,
                                                                                settings: settings, progress: progress)
                    let rejection = Calibration.rejection(estimate, sampler: configuration)
                    cells.append(Cell(stepSize: eps, localization: gamma, nbeta: nbeta,
                                      estimate: estimate, usable: rejection == nil, onPlateau: false, rejection: rejection))
                }
            }
        }
        return Calibration(cells: cells)
    }

    /// Marks plateau cells and picks the recommendation from evaluated cells.
    public init(cells input: [Cell]) {
        var cells = input
        // Group by (nβ, γ), walk step sizes upwards.
        let groups = Dictionary(grouping: cells.indices) { "\(cells[$0].nbeta)|\(cells[$0].localization)" }
        for (_, indices) in groups {
            let usable = indices.filter { cells[$0].usable }.sorted { cells[$0].stepSize < cells[$1].stepSize }
            for (position, i) in usable.enumerated() where position > 0 {
                let j = usable[position - 1]
                let a = cells[i].estimate, b = cells[j].estimate
                let se = (Calibration.standardError(a) * Calibration.standardError(a)
                          + Calibration.standardError(b) * Calibration.standardError(b)).squareRoot()
                let difference = abs(a.llcMean - b.llcMean)
                if difference <= 2 * se && difference <= 0.05 * max(abs(a.llcMean), abs(b.llcMean)) {
                    cells[i].onPlateau = true
                    cells[j].onPlateau = true
                }
            }
        }
        self.cells = cells
        let plateau = cells.filter(\.onPlateau)
        if let smallestGamma = plateau.map(\.localization).min() {
            let atGamma = plateau.filter { $0.localization == smallestGamma }
            let best = atGamma.max { ($0.stepSize, -$0.nbeta) < ($1.stepSize, -$1.nbeta) }!
            recommended = best
            reason = String(format: "largest step size %.3g whose λ̂ agrees with the next smaller step (within 2 standard errors and 5%%), at the smallest localization (%.3g) with such a plateau; all its diagnostics pass", best.stepSize, smallestGamma)
        } else if let fallback = cells.filter(\.usable).min(by: { $0.stepSize < $1.stepSize }) {
            recommended = fallback
            reason = "no two neighbouring usable step sizes agree: no plateau found; recommending the smallest usable step size — extend the grid to smaller steps or run longer"
        } else {
            recommended = nil
            reason = "no usable cell: every cell diverged or failed its diagnostics; try smaller step sizes or a stronger localization"
        }
    }

    /// The standard error used to compare neighbouring cells: the larger of
    /// the MCSE and the spread across chains over √chains.
    public static func standardError(_ e: LLCEstimate) -> Double {
        let spread = e.llcStd.isFinite ? e.llcStd / Double(max(e.chains.count, 1)).squareRoot() : 0
        let mcse = e.llcMCSE.isFinite ? e.llcMCSE : 0
        return max(spread, mcse)
    }

    static func rejection(_ e: LLCEstimate, sampler: SamplerConfiguration) -> String? {
        if !e.divergences.isEmpty { return "\(e.divergences.count) chain(s) diverged" }
        if !e.llcMean.isFinite { return "no estimate" }
        if e.rhat.isFinite && e.rhat > 1.05 { return String(format: "R-hat %.3f > 1.05", e.rhat) }
        if e.llcMean < 0 { return "negative λ̂" }
        let chains = Double(max(e.chains.count - e.divergences.count, 1))
        if e.essBulk.isFinite && e.essBulk / chains < 50 {
            return String(format: "bulk ESS per chain %.0f < 50: under-mixed", e.essBulk / chains)
        }
        let se = standardError(e)
        if se > 0.1 * abs(e.llcMean) {
            return String(format: "standard error %.3g is more than 10%% of λ̂", se)
        }
        if let a = e.acceptance {
            let band = LLCWarningThresholds.acceptanceBand(for: sampler.kind)
            if !band.contains(a) { return String(format: "acceptance %.2f outside %.2f–%.2f", a, band.lowerBound, band.upperBound) }
        }
        if let a = e.diagnosticAcceptance, a < LLCWarningThresholds.sgldAcceptance {
            return String(format: "SGLD steps' MALA acceptance %.2f < %.2f", a, LLCWarningThresholds.sgldAcceptance)
        }
        return nil
    }
}
