import Foundation
import Models
import Sampling

/// A grid over step sizes × localizations (× nβ), one short LLC run per cell,
/// and a recommendation: the answer to "which step size?" that devinterp
/// users otherwise find by trial and error while λ̂ swings by 10×.
///
/// Rule (documented in docs/estimators.md): every cell's estimate carries the
/// verdict of `rlct llc` (the one threshold set, `DiagnosticThresholds`). A
/// cell is *usable* when its verdict is not `unreliable`, its step is accurate
/// (no `sgld_probe` or `acceptance_low` reason: a step that biases SGLD or that
/// MALA/HMC mostly rejects; a high acceptance is only inefficient and stays
/// usable), λ̂ is finite and its standard error is at most 10% of |λ̂| (an
/// under-mixed cell has wide error bars that would "agree" with anything). Within one localization (and nβ),
/// a usable cell is *on the plateau* when its λ̂ agrees with the usable cell at
/// the next smaller step size within two combined standard errors and within
/// 5%. A cell *passes* when it is on the plateau. The recommendation is the
/// largest passing step size (fastest mixing) at the smallest localization
/// that has one (least pull from the Gaussian term), taken among the passing
/// cells whose verdict is `ok` when there are any, else among all passing
/// cells: whenever a cell passes, one is recommended.
public struct Calibration: Sendable, Codable {
    public struct Cell: Sendable, Codable {
        public var stepSize: Double
        public var localization: Double
        public var nbeta: Double
        /// The cell's LLC estimate, with its verdict.
        public var estimate: LLCEstimate
        /// Verdict not unreliable, step accurate, λ̂ finite, standard error ≤ 10% of |λ̂|.
        public var usable: Bool
        public var onPlateau: Bool
        /// Why the cell is not usable, if it is not.
        public var rejection: String?

        /// On the plateau (which implies usable): a candidate for the recommendation.
        public var passes: Bool { onPlateau }

        public init(stepSize: Double, localization: Double, nbeta: Double, estimate: LLCEstimate) {
            self.stepSize = stepSize
            self.localization = localization
            self.nbeta = nbeta
            self.estimate = estimate
            rejection = Calibration.rejection(estimate)
            usable = rejection == nil
            onPlateau = false
        }

        enum CodingKeys: String, CodingKey {
            case stepSize = "step_size", localization, nbeta, estimate, usable, onPlateau = "on_plateau", rejection, passes
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            stepSize = try c.decode(Double.self, forKey: .stepSize)
            localization = try c.decode(Double.self, forKey: .localization)
            nbeta = try c.decode(Double.self, forKey: .nbeta)
            estimate = try c.decode(LLCEstimate.self, forKey: .estimate)
            usable = try c.decode(Bool.self, forKey: .usable)
            onPlateau = try c.decode(Bool.self, forKey: .onPlateau)
            rejection = try c.decodeIfPresent(String.self, forKey: .rejection)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(stepSize, forKey: .stepSize)
            try c.encode(localization, forKey: .localization)
            try c.encode(nbeta, forKey: .nbeta)
            try c.encode(estimate, forKey: .estimate)
            try c.encode(usable, forKey: .usable)
            try c.encode(onPlateau, forKey: .onPlateau)
            try c.encodeIfPresent(rejection, forKey: .rejection)
            try c.encode(passes, forKey: .passes)
        }
    }

    public var cells: [Cell]
    public var recommended: Cell?
    public var reason: String

    /// Runs the grid: `sampler` with each step size in turn. `targetMCSE` is the MCSE
    /// each cell's verdict asks for (absolute; nil: 2% of |λ̂|).
    public static func run<M: Model>(
        model: M, center: [Double], prior: Prior = .flat,
        sampler: SamplerConfiguration, stepSizes: [Double], localizations: [Double], nbetas: [Double],
        settings: ChainSettings, targetMCSE: Double? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> Calibration {
        var cells: [Cell] = []
        for point in grid(stepSizes: stepSizes, localizations: localizations, nbetas: nbetas) {
            cells.append(await cell(model: model, center: center, prior: prior, sampler: sampler, at: point, settings: settings,
                                    targetMCSE: targetMCSE, progress: progress))
        }
        return Calibration(cells: cells)
    }

    /// One cell's place in the grid.
    public struct GridPoint: Sendable, Equatable {
        public var stepSize: Double
        public var localization: Double
        public var nbeta: Double
    }

    /// The grid's cells in output order: nβ, then localization, then step size ascending.
    public static func grid(stepSizes: [Double], localizations: [Double], nbetas: [Double]) -> [GridPoint] {
        nbetas.flatMap { nbeta in
            localizations.flatMap { gamma in
                stepSizes.sorted().map { GridPoint(stepSize: $0, localization: gamma, nbeta: nbeta) }
            }
        }
    }

    /// One cell's LLC run (seeded by `settings.seed`, whatever the cell: cells are independent jobs).
    public static func cell<M: Model>(
        model: M, center: [Double], prior: Prior = .flat, sampler: SamplerConfiguration, at point: GridPoint,
        settings: ChainSettings, targetMCSE: Double? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) async -> Cell {
        let posterior = Posterior(model: model, nbeta: point.nbeta, localization: point.localization, center: center, prior: prior)
        var configuration = sampler
        configuration.stepSize = point.stepSize
        let (estimate, _) = await LocalLearningCoefficient.estimate(posterior: posterior, sampler: configuration,
                                                                    settings: settings, targetMCSE: targetMCSE,
                                                                    progress: progress)
        return Cell(stepSize: point.stepSize, localization: point.localization, nbeta: point.nbeta, estimate: estimate)
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
                if Calibration.agrees(a.llcMean, error: Calibration.standardError(a), b.llcMean, error: Calibration.standardError(b)) {
                    cells[i].onPlateau = true
                    cells[j].onPlateau = true
                }
            }
        }
        self.cells = cells
        let passing = cells.filter(\.passes)
        let ok = passing.filter { $0.estimate.verdict.level == .ok }
        let candidates = ok.isEmpty ? passing : ok
        if let smallestGamma = candidates.map(\.localization).min() {
            let atGamma = candidates.filter { $0.localization == smallestGamma }
            let best = atGamma.max { ($0.stepSize, -$0.nbeta) < ($1.stepSize, -$1.nbeta) }!
            recommended = best
            let verdict = ok.isEmpty
                ? "no plateau cell is ok; its verdict is \(best.estimate.verdict)"
                : "its verdict is ok"
            reason = String(format: "largest step size %.3g whose λ̂ agrees with the next smaller step (within 2 standard errors and 5%%), at the smallest localization (%.3g) with such a plateau; %@", best.stepSize, smallestGamma, verdict)
        } else if let fallback = cells.filter(\.usable).min(by: { $0.stepSize < $1.stepSize }) {
            recommended = fallback
            reason = "no two neighbouring usable step sizes agree: no plateau found; recommending the smallest usable step size (verdict \(fallback.estimate.verdict)) — extend the grid or run longer"
        } else {
            recommended = nil
            reason = Calibration.noUsableCell(cells)
        }
    }

    /// Why no cell is usable, and which way to move: towards smaller steps where
    /// cells diverged or their steps were too large, towards longer runs (or larger
    /// steps) where they did not mix.
    static func noUsableCell(_ cells: [Cell]) -> String {
        guard !cells.isEmpty else { return "no usable cell: the grid is empty" }
        let tooLarge = Set<Verdict.Code>([.divergence, .noDraws]).union(stepTooLarge)
        let large = cells.filter { c in c.estimate.verdict.reasons.contains { tooLarge.contains($0.code) } }
        let unmixed = cells.filter { c in !c.estimate.verdict.reasons.contains { tooLarge.contains($0.code) } }
        var advice: [String] = []
        if let smallest = large.map(\.stepSize).min() {
            advice.append(String(format: "%d cell(s) diverged or had too large a step (step sizes from %.3g up): use smaller step sizes or a stronger localization",
                                 large.count, smallest))
        }
        if let largest = unmixed.map(\.stepSize).max() {
            advice.append(String(format: "%d cell(s) did not mix or were too noisy (R̂, ESS or standard error; step sizes up to %.3g): run longer (more draws, a larger thinning interval) or try larger step sizes",
                                 unmixed.count, largest))
        }
        return "no usable cell: " + advice.joined(separator: "; ")
    }

    /// Reasons that say the step itself is wrong (biased or mostly rejected): such a cell
    /// is not usable whatever its level.
    static let stepTooLarge: Set<Verdict.Code> = [.sgldProbe, .acceptanceLow]

    /// The plateau rule, shared by the grid and `StepSizePilot`: two
    /// estimates a ± se_a and b ± se_b agree when
    /// |a − b| ≤ 2·√(se_a² + se_b²) and |a − b| ≤ 5% of max(|a|, |b|)
    /// (both: within the noise, and close enough to matter).
    public static func agrees(_ a: Double, error seA: Double, _ b: Double, error seB: Double) -> Bool {
        let se = (seA * seA + seB * seB).squareRoot()
        let difference = abs(a - b)
        return difference <= 2 * se && difference <= 0.05 * max(abs(a), abs(b))
    }

    /// The standard error used to compare neighbouring cells: the larger of
    /// the MCSE and the spread across chains over √chains.
    public static func standardError(_ e: LLCEstimate) -> Double {
        let spread = e.llcStd.isFinite ? e.llcStd / Double(max(e.chains.count, 1)).squareRoot() : 0
        let mcse = e.llcMCSE.isFinite ? e.llcMCSE : 0
        return max(spread, mcse)
    }

    /// Why a cell cannot be on the plateau: its verdict's unreliable reasons, a step that is
    /// too large (`sgld_probe`, `acceptance_low`), no finite λ̂, or a standard error above
    /// 10% of |λ̂|; nil when it is usable.
    static func rejection(_ e: LLCEstimate) -> String? {
        let unreliable = e.verdict.reasons.filter { $0.level == .unreliable }
        if !unreliable.isEmpty { return unreliable.map(\.message).joined(separator: "; ") }
        let inaccurate = e.verdict.reasons.filter { stepTooLarge.contains($0.code) }
        if !inaccurate.isEmpty { return inaccurate.map(\.message).joined(separator: "; ") }
        if !e.llcMean.isFinite { return "no estimate" }
        let se = standardError(e)
        if se > 0.1 * abs(e.llcMean) {
            return String(format: "standard error %.3g is more than 10%% of |λ̂|: too noisy to compare with its neighbours; run longer", se)
        }
        return nil
    }
}
