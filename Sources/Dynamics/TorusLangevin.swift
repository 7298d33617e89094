import Sampling
import Foundation
import GSL

/// Overdamped Langevin (Brownian) dynamics in a `TorusPotential`, by
/// Euler–Maruyama: `x ← x − ∇U(x) dt + √(2T dt) ξ`, `ξ ~ N(0, I₂)`, wrapped
/// onto `[0, L)²`. Its stationary law is the Gibbs measure `∝ exp(−U/T)`
/// (up to an O(dt) discretisation bias; for a quadratic valley of stiffness
/// 2a the stationary variance is `T / (2a (1 − a dt))`).
///
/// Trajectory k starts uniformly on the torus, draws from stream k only, runs
/// `burnIn` unrecorded steps and then `steps` recorded ones. The fraction of
/// time spent in each `TorusRegion` is averaged over the independent
/// trajectories, whose spread gives its standard error.
public struct TorusLangevin: Sendable {
    public var potential: TorusPotential
    public var temperature: Double
    public var stepSize: Double
    public var steps: Int
    public var burnIn: Int
    public var trajectories: Int
    /// Half-width h of the regions around the valleys; nil uses `2√(T/2a)`,
    /// twice the standard deviation of a valley's Gibbs cross-section.
    public var halfWidth: Double?
    /// Histogram bins per axis.
    public var bins: Int = 40
    public var seed: UInt64

    public init(potential: TorusPotential, temperature: Double, stepSize: Double, steps: Int, burnIn: Int,
                trajectories: Int, seed: UInt64, halfWidth: Double? = nil, bins: Int = 40) {
        self.potential = potential
        self.temperature = temperature
        self.stepSize = stepSize
        self.steps = steps
        self.burnIn = burnIn
        self.trajectories = trajectories
        self.seed = seed
        self.halfWidth = halfWidth
        self.bins = bins
    }

    public var effectiveHalfWidth: Double { halfWidth ?? 2 * (temperature / (2 * potential.a)).squareRoot() }

    func validate() throws {
        try DynamicsError.require(temperature > 0 && temperature.isFinite, "temperature",
                                  "expected a positive number, got \(temperature)")
        try DynamicsError.require(stepSize > 0 && stepSize.isFinite, "dt", "expected a positive number, got \(stepSize)")
        try DynamicsError.require(2 * potential.a * stepSize < 1, "dt",
                                  "Euler–Maruyama needs dt < 1/(2a) = \(1 / (2 * potential.a)) to be stable in a valley, got \(stepSize)")
        try DynamicsError.require(steps >= 1, "steps", "need at least 1 step, got \(steps)")
        try DynamicsError.require(burnIn >= 0, "burnIn", "expected a non-negative number, got \(burnIn)")
        try DynamicsError.require(trajectories >= 2, "trajectories", "need at least 2 trajectories, got \(trajectories)")
        try DynamicsError.require(bins >= 2 && bins <= 400, "bins", "expected 2 to 400, got \(bins)")
        let h = effectiveHalfWidth
        try DynamicsError.require(h > 0 && h < potential.length / 2, "halfWidth",
                                  "expected 0 < h < L/2 = \(potential.length / 2), got \(h)")
    }

    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> TorusLangevinResult {
        try validate()
        let potential = self.potential, t = temperature, dt = stepSize, steps = self.steps, burnIn = self.burnIn
        let h = effectiveHalfWidth, bins = self.bins, seed = self.seed
        let length = potential.length
        let noise = (2 * t * dt).squareRoot()
        let binScale = Double(bins) / length
        let runs = Parallel.map(trajectories) { k -> (fractions: [Double], histogram: [Int]) in
            let rng = RandomStream(seed: seed, stream: k)
            var x0 = rng.uniform() * length, x1 = rng.uniform() * length
            var counts = [Int](repeating: 0, count: TorusRegion.allCases.count)
            var histogram = [Int](repeating: 0, count: bins * bins)
            let report = max(1, (burnIn + steps) / 64)
            for step in 0..<(burnIn + steps) {
                let (g0, g1) = potential.gradient(x0, x1)
                x0 -= g0 * dt - noise * rng.gaussian()
                x1 -= g1 * dt - noise * rng.gaussian()
                x0 -= length * (x0 / length).rounded(.down)
                x1 -= length * (x1 / length).rounded(.down)
                if step >= burnIn {
                    counts[potential.region(x0, x1, halfWidth: h).rawValue] += 1
                    let column = min(bins - 1, Int(x0 * binScale)), row = min(bins - 1, Int(x1 * binScale))
                    histogram[row * bins + column] += 1
                }
                if (step + 1) % report == 0 { progress?(report) }
            }
            return (counts.map { Double($0) / Double(steps) }, histogram)
        }
        let (boltzmann, z) = try potential.regionProbabilities(temperature: t, halfWidth: h)
        let areas = potential.regionAreas(halfWidth: h)
        let m = Double(trajectories)
        func meanAndError(_ values: [Double]) -> (Double, Double) {
            let mean = values.reduce(0, +) / m
            let variance = values.reduce(0) { $0 + pow2($1 - mean) } / (m - 1)
            return (mean, (variance / m).squareRoot())
        }
        let regions = TorusRegion.allCases.map { region -> TorusLangevinResult.Region in
            let (mean, error) = meanAndError(runs.map { $0.fractions[region.rawValue] })
            let predicted = boltzmann[region.rawValue]
            return .init(name: region.name, area: areas[region.rawValue], predicted: predicted, simulated: mean,
                         standardError: error, zScore: error > 0 ? (mean - predicted) / error : 0)
        }
        // Probability per unit area at the crossing over that in the two valley strips.
        func enrichment(_ f: [Double]) -> Double {
            (f[0] / areas[0]) / ((f[1] + f[2]) / (areas[1] + areas[2]))
        }
        let (enrichmentMean, enrichmentError) = meanAndError(runs.map { enrichment($0.fractions) })
        let predictedEnrichment = enrichment(boltzmann)
        var total = [Int](repeating: 0, count: bins * bins)
        for run in runs { for i in total.indices { total[i] += run.histogram[i] } }
        let samples = Double(steps) * m
        let simulated = (0..<bins).map { row in (0..<bins).map { Double(total[row * bins + $0]) / samples } }
        let predicted = try potential.cellProbabilities(temperature: t, bins: bins, partitionFunction: z.value)
        let tv = 0.5 * zip(simulated.joined(), predicted.joined()).reduce(0) { $0 + abs($1.0 - $1.1) }
        return TorusLangevinResult(
            a: potential.a, b: potential.b, length: length, temperature: t, stepSize: dt, steps: steps,
            burnIn: burnIn, trajectories: trajectories, seed: seed, halfWidth: h,
            partitionFunction: z.value, partitionFunctionError: z.error, regions: regions,
            crossingEnrichment: .init(predicted: predictedEnrichment, simulated: enrichmentMean,
                                      standardError: enrichmentError,
                                      zScore: (enrichmentMean - predictedEnrichment) / enrichmentError),
            bins: bins,
            edges: (0...bins).map { Double($0) * length / Double(bins) },
            simulatedHistogram: simulated, predictedHistogram: predicted, histogramTotalVariation: tv)
    }
}

/// What a `TorusLangevin` run measured, beside the Gibbs law `∝ exp(−U/T)`.
public struct TorusLangevinResult: Sendable, Codable {
    public struct Region: Sendable, Codable {
        public var name: String
        public var area: Double
        /// `∫_region e^{−U/T} / Z` by GSL quadrature.
        public var predicted: Double
        /// Mean fraction of recorded time in the region over trajectories.
        public var simulated: Double
        public var standardError: Double
        public var zScore: Double
    }

    /// A ratio measured per trajectory, beside its Gibbs value.
    public struct Comparison: Sendable, Codable {
        public var predicted: Double
        public var simulated: Double
        public var standardError: Double
        public var zScore: Double
    }

    public var a: Double, b: Double, length: Double, temperature: Double, stepSize: Double
    public var steps: Int, burnIn: Int, trajectories: Int, seed: UInt64
    public var halfWidth: Double
    /// `Z = ∫∫ e^{−U/T}` over the torus and its quadrature error.
    public var partitionFunction: Double, partitionFunctionError: Double
    public var regions: [Region]
    /// Probability per unit area in the crossing square over that in the two
    /// valley-only strips: how much more the crossing holds than a stretch of
    /// a single valley of the same area (1 would mean "nothing special").
    public var crossingEnrichment: Comparison
    public var bins: Int
    /// Bin edges on either axis, `bins + 1` values in `[0, L]`.
    public var edges: [Double]
    /// Fraction of recorded time in each cell, `[row][column]`, rows along x₁.
    public var simulatedHistogram: [[Double]]
    /// Boltzmann probability of each cell, same layout.
    public var predictedHistogram: [[Double]]
    /// `½ Σ |simulated − predicted|` over cells.
    public var histogramTotalVariation: Double
}
