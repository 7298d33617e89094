import Foundation
import GSL
import Sampling

/// How often a random critical point is a local minimum, for random
/// symmetric Hessians (seed 004: "the probability of a local minimum vs a
/// saddle point is p^d"). The Hessians are drawn from the Gaussian
/// orthogonal ensemble (GOE), density ∝ exp(−tr H²/4): diagonal entries
/// N(0, 2), off-diagonal N(0, 1); their eigenvalues come from GSL's
/// `gsl_eigen_symm` and a Hessian counts as a minimum when all are positive.
///
/// Exact values: d = 1 gives 1/2; d = 2 gives (2 − √2)/4 ≈ 0.1464 (from the
/// joint eigenvalue density ∝ |λ₁ − λ₂| e^{−(λ₁² + λ₂²)/4}, whose angular part
/// in polar coordinates is √2 |cos(θ + π/4)|). The Bernoulli model of seed 004
/// (each eigenvalue positive with p = 1/2, independently) predicts 2^{−d}.
///
/// Sample s of dimension d is drawn in chunk c = s / chunkSize from stream
/// d·2²⁰ + c, so results do not depend on the number of threads.
public struct RandomHessianCensus: Sendable {
    public var dimensions: [Int]
    public var samples: Int
    public var seed: UInt64
    public static let chunkSize = 4096

    public init(dimensions: [Int], samples: Int, seed: UInt64) {
        self.dimensions = dimensions
        self.samples = samples
        self.seed = seed
    }

    public struct Row: Sendable, Codable {
        public var dimension: Int
        public var samples: Int
        public var minima: Int
        /// minima / samples and its binomial standard error.
        public var fraction: Double
        public var standardError: Double
        /// 2^{−d}: independent eigenvalue signs with p = 1/2.
        public var bernoulli: Double
        /// The exact value where known (d = 1, 2).
        public var exact: Double?
        /// The fraction of all eigenvalues that are positive (1/2 by symmetry).
        public var positiveEigenvalueFraction: Double
    }

    /// P(all eigenvalues > 0) for the GOE where known in closed form.
    public static func exactFraction(dimension d: Int) -> Double? {
        switch d {
        case 1: return 0.5
        case 2: return (2 - 2.0.squareRoot()) / 4
        default: return nil
        }
    }

    public func validate() throws {
        try DynamicsError.require(!dimensions.isEmpty && dimensions.allSatisfy { $0 >= 1 && $0 <= 64 }, "dimensions",
                                  "expected dimensions from 1 to 64, got \(dimensions)")
        try DynamicsError.require(samples >= 100 && samples <= 1_000_000_000, "samples",
                                  "expected 100 to 10⁹ samples, got \(samples)")
    }

    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> [Row] {
        try validate()
        var rows: [Row] = []
        for d in dimensions {
            let chunks = (samples + Self.chunkSize - 1) / Self.chunkSize
            let me = self
            let counts = Parallel.map(chunks) { c -> (minima: Int, positive: Int, failed: Bool) in
                let count = min(Self.chunkSize, me.samples - c * Self.chunkSize)
                let r = me.chunk(dimension: d, stream: (d << 20) + c, count: count)
                progress?(count)
                return r
            }
            try DynamicsError.require(!counts.contains { $0.failed }, "dimensions", "GSL's eigenvalue routine failed at d = \(d)")
            let minima = counts.reduce(0) { $0 + $1.minima }
            let positive = counts.reduce(0) { $0 + $1.positive }
            let f = Double(minima) / Double(samples)
            rows.append(Row(dimension: d, samples: samples, minima: minima, fraction: f,
                            standardError: (f * (1 - f) / Double(samples)).squareRoot(),
                            bernoulli: pow(0.5, Double(d)), exact: Self.exactFraction(dimension: d),
                            positiveEigenvalueFraction: Double(positive) / Double(samples * d)))
        }
        return rows
    }

    /// `count` GOE matrices of dimension d from one stream: how many are
    /// positive definite, and how many eigenvalues are positive in all.
    func chunk(dimension d: Int, stream: Int, count: Int) -> (minima: Int, positive: Int, failed: Bool) {
        let rng = RandomStream(seed: seed, stream: stream)
        guard let solver = try? SymmetricEigenSolver(dimension: d) else { return (0, 0, true) }
        var a = [Double](repeating: 0, count: d * d)
        var values = [Double](repeating: 0, count: d)
        var minima = 0, positive = 0
        let diagonal = 2.0.squareRoot()
        for _ in 0..<count {
            for i in 0..<d {
                a[i * d + i] = diagonal * rng.gaussian()
                for j in 0..<i {
                    let v = rng.gaussian()
                    a[i * d + j] = v
                    a[j * d + i] = v
                }
            }
            let ok = a.withUnsafeBufferPointer { ap in
                values.withUnsafeMutableBufferPointer { vp in (try? solver.eigenvalues(of: ap, into: vp)) != nil }
            }
            if !ok { return (minima, positive, true) }
            if values[0] > 0 { minima += 1 }
            for v in values where v > 0 { positive += 1 }
        }
        return (minima, positive, false)
    }
}
