import Sampling
import Foundation
import GSL

/// Brownian motion on the sphere `S^{n−1}` of radius R in `R^n`, diffusion
/// constant D, compared with `⟨cos θ(t)⟩ = exp(−D(n−1)t/R²)` (θ the angle
/// travelled; `x/R` is an eigenfunction of the sphere's Laplacian with
/// eigenvalue `−(n−1)/R²`), the formula the hypersphere article quotes.
///
/// **Step (geodesic Euler).** Draw `ξ ~ N(0, I_n)`, keep its tangent part
/// `v = √(2D dt) (ξ − (ξ·x̂) x̂)` and move along the great circle:
/// `x ← cos(|v|/R) x + R sin(|v|/R) v/|v|`, then rescale to |x| = R (rounding
/// only). Given x, the tangent direction is uniform and independent of the
/// angle, so `E[x_{k+1} | x_k] = c x_k` with `c = E[cos(√(2D dt) χ_{n−1}/R)]`:
/// the chain's ⟨cos θ⟩ decays exactly geometrically at the discrete rate
/// `−ln c / dt = D(n−1)/R² (1 + O(D n dt/R²))`, computed here by quadrature.
public struct SphereDiffusion: Sendable {
    public var dimensions: [Int]
    public var radius: Double
    public var diffusion: Double
    /// One dt for all n, or nil for `dt_n = decayPerStep · R² / (D(n−1))`.
    public var stepSize: Double?
    /// Expected decay of ⟨cos θ⟩ per step when `stepSize` is nil.
    public var decayPerStep: Double = 0.002
    public var steps: Int
    public var walkers: Int
    public var seed: UInt64
    /// Walker groups whose separate fits give the rate's batch error.
    public var batches: Int = 10

    public init(dimensions: [Int], radius: Double, diffusion: Double, stepSize: Double?, steps: Int,
                walkers: Int, seed: UInt64) {
        self.dimensions = dimensions
        self.radius = radius
        self.diffusion = diffusion
        self.stepSize = stepSize
        self.steps = steps
        self.walkers = walkers
        self.seed = seed
    }

    func validate() throws {
        try DynamicsError.require(!dimensions.isEmpty, "dimensions", "give at least one dimension")
        for n in dimensions {
            try DynamicsError.require(n >= 2 && n <= 100_000, "dimensions", "each n must be in 2…100000, got \(n)")
        }
        try DynamicsError.require(radius > 0 && radius.isFinite, "radius", "expected a positive number, got \(radius)")
        try DynamicsError.require(diffusion > 0 && diffusion.isFinite, "diffusion", "expected a positive number, got \(diffusion)")
        if let stepSize {
            try DynamicsError.require(stepSize > 0 && stepSize.isFinite, "dt", "expected a positive number, got \(stepSize)")
        }
        try DynamicsError.require(steps >= 10, "steps", "need at least 10 steps, got \(steps)")
        try DynamicsError.require(walkers >= 2 * batches, "walkers", "need at least \(2 * batches) walkers, got \(walkers)")
    }

    public func stepSize(for n: Int) -> Double {
        stepSize ?? decayPerStep * radius * radius / (diffusion * Double(n - 1))
    }

    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> [SphereDiffusionResult] {
        try validate()
        return try dimensions.enumerated().map { index, n in
            try run(dimension: n, streamOffset: index * walkers, progress: progress)
        }
    }

    /// Sums over a group of walkers, per recorded step.
    struct Sums: Sendable {
        var cosine: [Double], cosineSquares: [Double], distance: [Double], walkers = 0
        init(steps: Int) {
            cosine = Array(repeating: 0, count: steps)
            cosineSquares = cosine
            distance = cosine
        }
    }

    func run(dimension n: Int, streamOffset: Int, progress: (@Sendable (Int) -> Void)?) throws -> SphereDiffusionResult {
        let r = radius, dt = stepSize(for: n), steps = self.steps, walkers = self.walkers, seed = self.seed
        let batches = self.batches
        let scale = (2 * diffusion * dt).squareRoot()
        let groups = Parallel.map(batches) { g -> Sums in
            var sums = Sums(steps: steps)
            var x = [Double](repeating: 0, count: n), x0 = x, xi = x
            for w in (g * walkers / batches)..<((g + 1) * walkers / batches) {
                let rng = RandomStream(seed: seed, stream: streamOffset + w)
                // Start uniformly on the sphere (Muller: a normalised Gaussian).
                for i in 0..<n { x[i] = rng.gaussian() }
                let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
                for i in 0..<n { x[i] *= r / norm; x0[i] = x[i] }
                for step in 0..<steps {
                    SphereDiffusion.geodesicStep(&x, noise: &xi, scale: scale, radius: r, rng: rng)
                    var dot = 0.0, d2 = 0.0
                    for i in 0..<n { dot += x[i] * x0[i]; d2 += (x[i] - x0[i]) * (x[i] - x0[i]) }
                    let c = dot / (r * r)
                    sums.cosine[step] += c
                    sums.cosineSquares[step] += c * c
                    sums.distance[step] += d2.squareRoot()
                }
                sums.walkers += 1
                progress?(steps)
            }
            return sums
        }
        return try SphereDiffusionResult(dimension: n, diffusion: self, stepSize: dt, groups: groups)
    }

    /// One geodesic Euler step of Brownian motion on the sphere of radius R
    /// through x (see the type's documentation); `noise` is scratch of length n.
    public static func geodesicStep(_ x: inout [Double], noise xi: inout [Double], scale: Double, radius r: Double,
                                    rng: RandomStream) {
        let n = x.count
        var along = 0.0
        for i in 0..<n { xi[i] = rng.gaussian(); along += xi[i] * x[i] }
        along /= r * r
        var tangent2 = 0.0
        for i in 0..<n { xi[i] = scale * (xi[i] - along * x[i]); tangent2 += xi[i] * xi[i] }
        let length = tangent2.squareRoot()
        guard length > 0 else { return }
        let angle = length / r
        let c = cos(angle), s = r * sin(angle) / length
        var norm2 = 0.0
        for i in 0..<n { x[i] = c * x[i] + s * xi[i]; norm2 += x[i] * x[i] }
        let fix = r / norm2.squareRoot()
        for i in 0..<n { x[i] *= fix }
    }

    /// The discrete-time decay rate `−ln E[cos(σ χ_ν)] / dt`, for `χ_ν` the
    /// length of a ν-dimensional standard normal vector (density
    /// `r^{ν−1} e^{−r²/2} / (2^{ν/2−1} Γ(ν/2))`): `1 − c = E[2 sin²(σχ/2)]` by
    /// QAGIU, so that small rates keep their digits.
    public static func discreteRate(sigma: Double, dof nu: Int, stepSize dt: Double) throws -> Double {
        let v = Double(nu)
        let logNorm = (v / 2 - 1) * log(2.0) + (try SpecialFunctions.logGamma(v / 2))
        let result = try Integration.qagiu({ rr in
            guard rr > 0 else { return 0 }
            let s = sin(sigma * rr / 2)
            return 2 * s * s * exp((v - 1) * log(rr) - rr * rr / 2 - logNorm)
        }, from: 0, absoluteTolerance: 0, relativeTolerance: 1e-10)
        return -log1p(-result.value) / dt
    }
}
