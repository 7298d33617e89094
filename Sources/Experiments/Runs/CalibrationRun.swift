import Estimators
import Models
import Sampling

/// Runs a calibration grid on whatever model it is handed.
public struct CalibrationRun: ModelRun, Sendable {
    public var kind: SamplerKind
    public var stepSizes: [Double]
    public var localizations: [Double]
    /// nβ values; empty means n / log n only.
    public var nbetas: [Double]
    public var prior: Prior
    /// w*, the centre of every cell's localization.
    public var start: StartPoint
    public var settings: ChainSettings
    /// The MCSE each cell's verdict asks for (absolute); nil: 2% of |λ̂|.
    public var targetMCSE: Double?
    public var progress: (@Sendable (Int) -> Void)?
    /// Run only this cell of the grid (`Calibration.grid` order), as one job of a queue;
    /// the result then holds that cell alone, and `Calibration(cells:)` of all of them is the grid's result.
    public var onlyCell: Int?

    public init(kind: SamplerKind, stepSizes: [Double], localizations: [Double], nbetas: [Double], prior: Prior,
                start: StartPoint, settings: ChainSettings, targetMCSE: Double? = nil, progress: (@Sendable (Int) -> Void)? = nil) {
        self.kind = kind
        self.stepSizes = stepSizes
        self.localizations = localizations
        self.nbetas = nbetas
        self.prior = prior
        self.start = start
        self.settings = settings
        self.targetMCSE = targetMCSE
        self.progress = progress
    }

    public func run<M: Model>(on model: M) async throws -> Calibration {
        // Validates w* against the model and the prior.
        let center = try start.resolve(for: model, prior: prior)
        try checkSampleCount(model)
        let betas = nbetas.isEmpty ? [Posterior<M>.defaultNBeta(sampleCount: model.sampleCount)] : nbetas
        if let k = onlyCell {
            let grid = Calibration.grid(stepSizes: stepSizes, localizations: localizations, nbetas: betas)
            let cell = await Calibration.cell(model: model, center: center, prior: prior, sampler: SamplerConfiguration(kind: kind, stepSize: 1),
                                              at: grid[k], settings: settings, targetMCSE: targetMCSE, progress: progress)
            return Calibration(cells: [cell])
        }
        return try await Calibration.run(model: model, center: center, prior: prior,
                                         sampler: SamplerConfiguration(kind: kind, stepSize: 1), stepSizes: stepSizes,
                                         localizations: localizations, nbetas: betas, settings: settings, targetMCSE: targetMCSE,
                                         progress: progress)
    }
}
