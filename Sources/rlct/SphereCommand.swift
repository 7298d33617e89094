import ArgumentParser
import Dynamics
import Foundation
import GSL
import Reports
import Rendering

/// `rlct sphere`: Brownian motion on hyperspheres, the Kaiming shell and
/// Householder perturbations (the hypersphere article).
struct SphereCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sphere",
        abstract: "Brownian motion on S^{n−1}, the Kaiming-initialisation shell and perturbations on sphere intersections.",
        discussion: """
        Diffusion: geodesic Euler steps (a Gaussian step projected to the tangent space, \
        followed along the great circle, then rescaled to radius R against rounding). \
        ⟨cos θ(t)⟩ is fitted by exp(−κt) (GSL nonlinear least squares, weighted by the variance of cos θ at the first-stage rate) and κ is \
        compared with D(n−1)/R² and with the exact rate of the discrete chain. The rate's \
        batch error comes from separate fits on 10 independent walker groups (GSL's own \
        error treats the time points as independent and is too small). Without --dt, each n \
        uses dt = 0.002·R²/(D(n−1)). The mean displacement ⟨|x(t) − x(0)|⟩ is compared with \
        R√(2(1 − ⟨cos θ⟩)) and its limit √2·R.

        Kaiming: fan-in n, σ² = 2/n, D = n·fan-out entries; measured ⟨|w|⟩, sd(|w|)/⟨|w|⟩ and \
        sd(|w|²)/⟨|w|²⟩ against the exact χ_D values and the article's √2σ. Perturbations: \
        baselines uniform on the sphere of radius √D σ, perturbed on its intersection with a \
        sphere of radius ε·|w₀| around w₀ (Householder reflection); the largest distance from \
        either sphere over all samples must stay below 1e-12·|w₀|, else exit 1.

        --plot FILE.svg writes ⟨cos θ⟩ against D(n−1)t/R², FILE-displacement.svg the mean \
        displacement.

        JSON keys: diffusion[] (dimension, radius, diffusion, step_size, steps, walkers, \
        predicted_rate, discrete_rate, fitted_rate, fit_error, batch_error, \
        relative_deviation, times, mean_cosine, cosine_error, mean_displacement, \
        displacement_formula, final_mean_displacement, limit_displacement), kaiming[] \
        (fan_in, fan_out, samples, sigma, mean_norm, norm_standard_deviation, \
        relative_thickness, relative_squared_thickness, predicted_radius, exact_mean_norm, \
        exact_relative_thickness, article_relative_thickness), perturbation[] (dimension, \
        baselines, perturbations_per_baseline, radius, epsilon, max_radius_error, \
        max_distance_error, second_moment_ratio, second_moment_error).

        Examples:
          rlct sphere --dimensions 3,10,100 --steps 1500 --plot sphere.svg
        """
    )

    @Option(help: "Dimensions n of the embedding space (the sphere is S^{n−1}).", transform: IntegerList.init(parsing:)) var dimensions = IntegerList([3, 10, 100])
    @Option(help: "Sphere radius R.") var radius = 1.0
    @Option(help: "Diffusion constant D.") var diffusion = 1.0
    @Option(help: "Time step for every n (default: 0.002·R²/(D(n−1)) per n).") var dt: Double?
    @Option(help: "Steps per walker.") var steps = 1_500
    @Option(help: "Walkers per dimension.") var walkers = 1_000
    @Option(name: .customLong("fan-out"), help: "Kaiming: outputs per layer (D = n·fan-out weights).") var fanOut = 1
    @Option(name: .customLong("shell-samples"), help: "Kaiming: weight vectors drawn per n.") var shellSamples = 2_000
    @Option(help: "Perturbation radius ε as a fraction of |w₀|.") var epsilon = 0.1
    @Option(help: "Perturbations: baselines per n.") var baselines = 200
    @Option(help: "Perturbations per baseline.") var perturbations = 50
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Flag(help: "Print the result as JSON (keys above).") var json = false
    @Option(help: "Write the ⟨cos θ⟩ and displacement figures (SVG).", transform: OutputTarget.argument("--plot")) var plot: OutputTarget?
    @Flag(help: "No progress line.") var quiet = false

    struct Output: Encodable {
        var diffusion: [SphereDiffusionResult]
        var kaiming: [KaimingShell]
        var perturbation: [SpherePerturbationCheck]
    }

    func run() throws {
        let ns = dimensions.values
        let displacement = try plot?.companion("displacement")  // checked before the run
        // Checked before the (longer) diffusion run.
        guard perturbations >= 1 else { throw DynamicsError(field: "perturbations", "need at least 1, got \(perturbations)") }
        guard epsilon > 0 && epsilon < 2 else { throw DynamicsError(field: "epsilon", "expected 0 < ε/|w₀| < 2, got \(epsilon)") }
        guard baselines >= 2 else { throw DynamicsError(field: "baselines", "need at least 2, got \(baselines)") }
        guard shellSamples >= 2 else { throw DynamicsError(field: "shellSamples", "need at least 2, got \(shellSamples)") }
        guard fanOut >= 1 else { throw DynamicsError(field: "fanOut", "expected at least 1, got \(fanOut)") }
        let simulation = SphereDiffusion(dimensions: ns, radius: radius, diffusion: diffusion, stepSize: dt,
                                         steps: steps, walkers: walkers, seed: seed)
        let progress = ProgressLine("sphere", total: ns.count * walkers * steps, quiet: quiet)
        let diffusionResults = try simulation.run { progress.advance(by: $0) }
        progress.finish()
        // Streams after the walkers' (which use index·walkers + w).
        let base = ns.count * walkers
        let kaiming = try ns.enumerated().map { i, n in
            try KaimingShell(fanIn: n, fanOut: fanOut, samples: shellSamples, seed: seed, stream: base + i)
        }
        let checks = try ns.enumerated().map { i, n in
            try SpherePerturbationCheck(dimension: n, relativeEpsilon: epsilon, baselines: baselines,
                                        perturbationsPerBaseline: perturbations, seed: seed, stream: base + ns.count + i)
        }
        let onSpheres = checks.allSatisfy { max($0.maxRadiusError, $0.maxDistanceError) <= 1e-12 * $0.radius }
        if json {
            print(try DynamicsJSON.string(Output(diffusion: diffusionResults, kaiming: kaiming, perturbation: checks)), terminator: "")
        } else {
            printText(diffusionResults, kaiming, checks)
        }
        if let plot, let displacement {
            try SphereDiffusionResult.cosinePlot(diffusionResults).write(to: plot)
            try SphereDiffusionResult.displacementPlot(diffusionResults).write(to: displacement)
        }
        if !onSpheres { throw ExitCode(1) }
    }

    func printText(_ diffusion: [SphereDiffusionResult], _ kaiming: [KaimingShell], _ checks: [SpherePerturbationCheck]) {
        var rates = Table(title: "Brownian motion on S^{n−1}, R = \(radius), D = \(self.diffusion): ⟨cos θ(t)⟩ ≈ exp(−κt)",
                          "n", "dt", "D(n−1)/R²", "discrete-chain rate", "fitted κ (batch error)", "GSL fit error",
                          "deviation", "final ⟨|Δx|⟩", "R√(2(1−e^{−κt}))", "√2·R")
        for r in diffusion {
            rates.append("\(r.dimension)", NumberFormat.significant(r.stepSize, digits: 3),
                         NumberFormat.significant(r.predictedRate, digits: 5),
                         NumberFormat.significant(r.discreteRate, digits: 5),
                         NumberFormat.plusMinus(r.fittedRate, r.batchError),
                         NumberFormat.significant(r.fitError, digits: 2),
                         String(format: "%+.2f%%", 100 * r.relativeDeviation),
                         NumberFormat.significant(r.finalMeanDisplacement),
                         NumberFormat.significant(r.displacementFormula.last ?? .nan),
                         NumberFormat.significant(r.limitDisplacement))
        }
        print(rates.renderText())
        var shell = Table(title: "Kaiming initialisation (σ² = 2/fan-in, D = fan-in·fan-out): the norm's shell",
                          "fan-in", "D", "⟨|w|⟩", "exact E|w|", "√D·σ", "sd|w|/⟨|w|⟩", "exact (χ_D)",
                          "sd|w|²/⟨|w|²⟩", "article √2σ")
        for k in kaiming {
            shell.append("\(k.fanIn)", "\(k.fanIn * k.fanOut)", NumberFormat.significant(k.meanNorm, digits: 5),
                         NumberFormat.significant(k.exactMeanNorm, digits: 5), NumberFormat.significant(k.predictedRadius, digits: 5),
                         NumberFormat.significant(k.relativeThickness), NumberFormat.significant(k.exactRelativeThickness),
                         NumberFormat.significant(k.relativeSquaredThickness), NumberFormat.significant(k.articleRelativeThickness))
        }
        print(shell.renderText())
        var perturbation = Table(title: "Perturbations on the intersection of |w| = |w₀| and |w − w₀| = ε (Householder)",
                                 "D", "ε", "samples", "max ||w| − r₀|", "max ||w − w₀| − ε|", "D⟨w₁²⟩/r₀² (1 if uniform)")
        for c in checks {
            perturbation.append("\(c.dimension)", NumberFormat.significant(c.epsilon, digits: 3),
                                "\(c.baselines * c.perturbationsPerBaseline)",
                                NumberFormat.significant(c.maxRadiusError, digits: 2),
                                NumberFormat.significant(c.maxDistanceError, digits: 2),
                                NumberFormat.plusMinus(c.secondMomentRatio, c.secondMomentError))
        }
        print(perturbation.renderText())
    }

}
