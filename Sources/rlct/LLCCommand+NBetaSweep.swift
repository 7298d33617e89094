import ArgumentParser
import Estimators
import Experiments
import Foundation
import Reports

extension LLCCommand {
    /// The nβ grid of `--nbeta-sweep LO,HI[,POINTS]`: POINTS log-spaced values
    /// (default 2 per decade + 1).
    static func sweepGrid(_ list: NumberList) throws -> [Double] {
        let v = list.values
        guard v.count == 2 || v.count == 3 else {
            throw ValidationError("--nbeta-sweep: expected LO,HI or LO,HI,POINTS, got \(v.count) value(s)")
        }
        guard v[0] > 0, v[1] > v[0] else {
            throw ValidationError("--nbeta-sweep: expected 0 < LO < HI, got LO = \(v[0]), HI = \(v[1])")
        }
        let points: Int
        if v.count == 3 {
            guard v[2] == v[2].rounded(), v[2] >= 4, v[2] <= 100 else {
                throw ValidationError("--nbeta-sweep: POINTS must be an integer from 4 to 100 (the fit has 3 parameters), got \(v[2])")
            }
            points = Int(v[2])
        } else {
            points = max(4, Int((2 * log10(v[1] / v[0])).rounded()) + 1)
        }
        return try NBetaSweep.grid(lower: v[0], upper: v[1], count: points)
    }

    /// `rlct llc --nbeta-sweep`: an LLC estimate at each nβ and the fit of λ, m, κ.
    func runSweep(_ list: NumberList) async throws {
        let nbetas = try Self.sweepGrid(list)
        if samplerOptions.nbeta != nil { throw ValidationError("--nbeta: not used with --nbeta-sweep (the sweep sets nβ)") }
        if trace != nil || traceParameters { throw ValidationError("--trace: not available with --nbeta-sweep") }
        let experiment = try model.experiment(seed: samplerOptions.seed)
        var configuration = try samplerOptions.resolve(.llc, for: experiment, model: model)
        // The sweep scales one step as 1/nβ from LO; `auto` is 1/LO (no adaptation:
        // adapted chains were far from equilibrium after the default burn-in).
        if case .auto = configuration.stepSize {
            configuration.sampler.stepSize = configuration.sampler.kind.initialStepSize(nbeta: nbetas[0])
            configuration.settings.adaptStepSize = false
            configuration.recordStepSize(configuration.sampler.stepSize, how: "1/nβ at the sweep's lowest nβ, scaled as 1/nβ")
        }
        let settings = configuration.settings
        try model.checkResources(experiment, settings)
        let start = try model.start(for: experiment, specPoint: configuration.at)
        let request = LLCRequest(sampler: configuration.sampler, localization: configuration.localization,
                                 prior: experiment.prior, start: start.optimized(optimizeCenter), settings: settings)
        var run = NBetaSweepRun(request: request, nbetas: nbetas)
        let progress = ProgressLine("sampling", total: run.totalSteps, quiet: quiet || json)
        run.progress = { progress.advance(by: $0) }
        let result = try await experiment.model.accept(run)
        progress.finish()
        let title = "λ and m over nβ of the \(experiment.summary)"
        print(json ? try JSONOutput.string(result) : result.renderText(title: title), terminator: "")
        for w in result.details.warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
        var files = OutputWrites()
        files.write(plot) { result.plot(title: experiment.shortName).renderSVG() }
        try files.finish()
    }
}
