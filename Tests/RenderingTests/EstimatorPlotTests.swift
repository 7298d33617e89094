import Estimators
import Foundation
import Models
import Polynomials
import Rendering
import Sampling
import Testing
import TestSupport

/// The estimator figures of `rlct fit-free-energy`, `volume`, `phases` and `temperature`.
@Suite struct EstimatorPlotTests {
    @Test func freeEnergyFitFigureHasTheDataAndTheFit() throws {
        // Exact F − nβL = λ log n − (m − 1) log log n + c with λ = 1/2, m = 1, c = 1.
        let ns = [1e2, 1e3, 1e4, 1e5, 1e6, 1e7]
        let points = ns.map { FreeEnergyFit.Point(n: $0, freeEnergy: 0.5 * log($0) + 1, error: 1e-6, nLoss: 0) }
        let fit = try FreeEnergyFit.fit(points: points, beta: 1)
        let plot = fit.plot(dimension: 1, title: "test")
        expectSVG(plot, title: "F_n − nβL_n(ŵ): test", series: ["exact (quadrature)", "fit: λ̂ = 0.5000"])
    }

    @Test func volumeFigureHasTheVolumesAndTheFit() throws {
        let k = try Polynomial(parsing: "w^2")
        let r = try VolumeScaling.estimate(model: try Potential(k: k, sampleCount: 100), prior: .uniform(-1, 1, dimension: 1),
                                           lower: [-1], upper: [1], center: [0],
                                           epsilons: VolumeScaling.grid(minimum: 1e-6, maximum: 1e-2, count: 8), method: .quadrature)
        expectSVG(r.plot(title: "potential w^2"), title: "Volume scaling, potential w^2", series: ["V(ε) (quadrature)", "fit λ̂ = "])
    }

    @Test func phaseFigureHasEachPhaseAndTheCrossovers() throws {
        let k = try Polynomial(parsing: "(w+1)^2*(w-1)^4")
        let phases = [PhaseTransition.Phase(name: "left", lower: [-1.5], upper: [-0.5]),
                      PhaseTransition.Phase(name: "right", lower: [0.5], upper: [1.5])]
        let r = try PhaseTransition.compute(phases: phases, grid: [10, 100, 1000, 10_000], beta: 1, lower: [-2], upper: [2],
                                            logPrior: { _ in -log(4) },
                                            given: [.init(lambda: 0.5, multiplicity: 1), .init(lambda: 0.25, multiplicity: 1)],
                                            modelAt: { n in try Potential(k: k, sampleCount: Int(n)) })
        let plot = r.plot(title: "two minima")
        expectSVG(plot, title: "Posterior mass of each phase: two minima", series: ["left (λ = 0.500", "right (λ = 0.250"])
    }

    @Test func temperatureFigureHasTheMeansAndTheFittedLine() async throws {
        let k = try Polynomial(parsing: "w^2")
        var settings = ChainSettings()
        settings.chains = 2
        settings.draws = 200
        settings.burnIn = 100
        settings.thin = 1
        let r = try await TemperatureLambda.estimate(model: try Potential(k: k, sampleCount: 1000), prior: .uniform(-1, 1, dimension: 1),
                                                     sampler: SamplerConfiguration(kind: .mala, stepSize: 1e-3), initial: [0],
                                                     settings: settings, temperatures: [0.5, 1, 2])
        expectSVG(r.plot(title: "w^2"), title: "λ̂ from temperatures, w^2", series: ["E^β[n L_n] ± MCSE", "fit: "])
    }
}
