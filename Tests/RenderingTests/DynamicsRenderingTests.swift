import Dynamics
import Foundation
import Polynomials
import Rendering
import Testing
import TestSupport

/// Small runs (seconds or less); the tests check what is rendered, not the numbers.
@Suite struct DynamicsRenderingTests {
    /// Q = (w+1.6)(w−1.6)², 1-D: basins, escape text and both figures.
    @Test func sgdEscapeTextAndFigures() throws {
        let poly = try SGDSweep.model(w0: 1.6, d1: 1, d2: 2)
        let q = poly.compiled()
        let result = try SGDEnsemble(q: q, learningRate: 0.02, batchSize: 32, steps: 200, trajectories: 300, samples: 6400,
                                     initialLower: -1.6, initialUpper: 1.6, recordEvery: 2, seed: 1).run()
        let basins = try EscapeBasins(q: q, lower: -3.2, upper: 3.2)
        let escape = try EscapeAnalysis(result, basins: basins, histogramRange: -3.2...3.2, bins: 40)
        let posterior = try PosteriorComparison(result, basins: basins, edges: escape.histogramEdges)
        var report = SGDReport(q: poly.description, variables: q.variables, learningRate: 0.02, batchSize: 32, momentum: 0,
                               steps: 200, trajectories: 300, samples: 6400, seed: 1, initRange: [-1.6, 1.6], diverged: 0)
        report.escape = escape
        report.posterior = posterior
        let text = report.escapeText
        #expect(text.hasPrefix("Q = \(poly.description); η = 0.02, B = 32, μ = 0.0; 300 trajectories × 200 steps; dataset of n = 6400"))
        for column in ["basin", "minimum", "k", "right barrier", "SGD at end", "posterior", "(regular)"] {
            #expect(text.contains(column), "missing \(column)")
        }
        #expect(text.contains("fraction in the regular basin: t=0: ") && text.contains("total variation to the SGD histogram"))
        #expect(report.distanceText.isEmpty)
        expectSVG(SGDReport.fractionPlot(escape), title: "Fraction of trajectories in the regular basin", series: ["simulated"])
        expectSVG(SGDReport.histogramPlot(posterior), title: "Final SGD positions vs posterior at n = 6400", series: ["SGD", "posterior"])
        let keys = try jsonKeys(try DynamicsJSON.string(report))
        #expect(keys.isSuperset(of: ["q", "learning_rate", "batch_size", "init_range", "escape", "posterior"]))
    }

    /// Q = (w1²+w2²)·w1, 2-D: distance table, distance and path figures.
    @Test func sgdDistanceTextAndFigures() throws {
        let q = try Polynomial(parsing: "(w1^2+w2^2)*w1").compiled()
        let result = try SGDEnsemble(q: q, learningRate: 0.01, batchSize: 16, steps: 100, trajectories: 50, samples: nil,
                                     initialLower: -1, initialUpper: 1, seed: 1).run()
        var report = SGDReport(q: "(w1^2+w2^2)*w1", variables: q.variables, learningRate: 0.01, batchSize: 16, momentum: 0,
                               steps: 100, trajectories: 50, samples: nil, seed: 1, initRange: [-1, 1], diverged: 0)
        let distance = result.distanceSummary()
        report.distance = distance
        report.paths = (0..<5).map { result.path($0) }
        let text = report.distanceText
        #expect(text.contains("fresh samples every step"))
        for column in ["Distance to the origin", "mean |w|", "median", "quartiles", "mean |w1|", "mean |w2|"] {
            #expect(text.contains(column), "missing \(column)")
        }
        expectSVG(SGDReport.distancePlot(distance, variables: q.variables), title: "Distance to the origin",
                  series: ["median |w|", "quartiles", "mean |w1|", "mean |w2|"])
        expectSVG(SGDReport.pathPlot(report.paths ?? [], variables: q.variables), title: "SGD trajectories", series: ["trajectories"])
    }

    @Test func noiseTableAndRatioFigure() throws {
        let q = try Polynomial(parsing: "(w+1.6)*(w-1.6)^2").compiled()
        let points = try NoiseCovariance(q: q, batchSize: 8, batches: 200, seed: 1).measure(at: [[-1.6], [1.6], [0]])
        let report = NoiseReport(q: "(w+1.6)*(w-1.6)^2", variables: q.variables, batchSize: 8, batches: 200,
                                 inputVariance: 1, noiseVariance: 1, seed: 1, points: points)
        let lines = report.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Q = (w+1.6)*(w-1.6)^2; B = 8, 200 batches per point, v_x = 1.0, v_y = 1.0")
        for column in ["point", "tr Σ̂", "tr Σ formula", "Σ̂/Σ", "max z", "tr H", "B·tr Σ̂/tr H", "formula B·trΣ/trH"] {
            #expect(report.text.contains(column), "missing \(column)")
        }
        #expect(report.text.contains("(-1.600)") && report.text.contains("(1.600)"))
        expectSVG(report.ratioPlot, title: "SGD noise covariance: ratios", series: ["tr Σ̂ / tr Σ(formula)", "B tr Σ̂ / tr H"])
        #expect(try jsonKeys(try DynamicsJSON.string(report)) == ["q", "variables", "batch_size", "batches", "input_variance",
                                                                   "noise_variance", "seed", "points"])
    }

    @Test func sweepTableOnsetsAndFigure() throws {
        let sweep = SGDSweep(parameter: .learningRate, values: [0.01, 0.03], w0: 1.6, learningRate: 0.01, batchSize: 32,
                             steps: 60, trajectories: 100, seed: 1)
        let report = SweepReport(result: try sweep.run())
        let text = report.text
        #expect(text.hasPrefix("Q = (w + w0)^1 (w − w0)^2; w0 = 1.6, B = 32, μ = 0.0; 100 trajectories × 60 steps"))
        for column in ["Escape against lr", "started regular", "escaped fraction", "regular at end", "fit rate", "hazard rate", "diverged"] {
            #expect(text.contains(column), "missing \(column)")
        }
        #expect(text.contains("escape onset (≥ 1% escaped), replicate 1: "))
        expectSVG(report.plot, title: "Escape from the regular minimum",
                  series: ["escaped (of those started in the regular basin)", "in the regular basin at the end"])
        #expect(try jsonKeys(try DynamicsJSON.string(report)).isSuperset(of: ["result", "onset"]))
    }

    @Test func walkFigureHasBothLaws() throws {
        let result = try GluedCycleWalk(cycleLengths: [3, 5], steps: 2000, walkers: 50, seed: 1).run()
        expectSVG(result.plot(), title: "Random walk on cycles 3,5 glued at node 0",
                  series: ["stationary law ∝ degree", "simulated (time average)"])
    }

    @Test func langevinHeatmapHasACellPerBin() throws {
        let torus = TorusLangevin(potential: try TorusPotential(a: 2, b: 2, length: 4), temperature: 0.5, stepSize: 1e-3,
                                  steps: 2000, burnIn: 100, trajectories: 2, seed: 1, bins: 10)
        let result = try torus.run()
        let plot = result.heatmap(values: result.simulatedHistogram, title: "Simulated occupation density")
        let svg = plot.renderSVG()
        let (ok, counter) = SVGCounter.parse(svg)
        #expect(ok && counter.cells == 100 && svg.contains("Simulated occupation density"))
    }

    @Test func sphereFiguresHaveOneSeriesPerDimension() throws {
        let results = try SphereDiffusion(dimensions: [3, 10], radius: 1, diffusion: 1, stepSize: nil, steps: 200, walkers: 100,
                                          seed: 1).run()
        expectSVG(SphereDiffusionResult.cosinePlot(results), title: "Brownian motion on S^{n−1}: ⟨cos θ(t)⟩",
                  series: ["n = 3 simulated", "n = 10 simulated", "exp(−D(n−1)t/R²)"])
        expectSVG(SphereDiffusionResult.displacementPlot(results), title: "Mean displacement on S^{n−1}",
                  series: ["n = 3 simulated", "n = 10 simulated", "√(2(1 − exp(−D(n−1)t/R²)))"])
    }
}
