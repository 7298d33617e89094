import Foundation
import GSL
import Sampling

/// Critical points of a small network's loss, found by Newton's method from
/// random starts, and classified by their Hessian's eigenvalues (seed 004:
/// "almost all critical points are saddle points").
///
/// The network is `f(x) = Σ_{j=1}^{h} a_j tanh(b_j x + c_j)` (d = 3h
/// parameters, unit j's as (a_j, b_j, c_j)), the loss
/// `L(w) = (1/2n) Σ_i (f(x_i) − y_i)²` on n points x ~ N(0, 1) (stream −1)
/// with y from a random teacher of the same form and `teacherWidth` units
/// (parameters N(0, 1), stream −2) plus noise N(0, noise²). Gradient and
/// Hessian are exact (the second derivatives of tanh units in closed form).
///
/// Newton: `w ← w − Σ_k (v_kᵀg/λ_k) v_k` over the eigenpairs of H with
/// |λ_k| > 10⁻¹⁰ max|λ|, the step capped at length 1, from w ~ N(0, 1)^d
/// (start s on stream s). Newton goes to critical points of any index. A run
/// converges when |∇L| < 10⁻⁹; then the point is a minimum if every
/// eigenvalue exceeds 10⁻⁶·max|λ|, a saddle if one is below −10⁻⁶·max|λ|,
/// and degenerate otherwise (a zero eigenvalue and no negative one, e.g. a
/// unit with a = 0). Distinct points: units put in a canonical order after
/// the symmetry (a, b, c) → (−a, −b, −c) makes a ≥ 0, then points closer than
/// 10⁻⁶ (largest coordinate difference) are one.
public struct NetworkCriticalPoints: Sendable {
    public var hiddenWidths: [Int]
    public var starts: Int
    public var samples: Int
    public var teacherWidth: Int
    public var noise: Double
    public var maxIterations: Int
    public var seed: UInt64

    public init(hiddenWidths: [Int], starts: Int, samples: Int = 50, teacherWidth: Int = 2, noise: Double = 0.1,
                maxIterations: Int = 200, seed: UInt64) {
        self.hiddenWidths = hiddenWidths
        self.starts = starts
        self.samples = samples
        self.teacherWidth = teacherWidth
        self.noise = noise
        self.maxIterations = maxIterations
        self.seed = seed
    }

    public enum Kind: String, Sendable, Codable { case minimum, saddle, degenerate }

    public struct Row: Sendable, Codable {
        public var hidden: Int
        public var dimension: Int
        public var starts: Int
        public var converged: Int
        /// Over converged runs.
        public var minima: Int
        public var saddles: Int
        public var degenerate: Int
        /// Distinct critical points (up to the units' order and sign) and how many are minima, saddles.
        public var distinct: Int
        public var distinctMinima: Int
        public var distinctSaddles: Int
        /// Distinct minima over distinct non-degenerate points.
        public var minimumFraction: Double
        /// The mean fraction of positive eigenvalues over distinct non-degenerate points (p),
        /// and p^d, seed 004's Bernoulli prediction.
        public var positiveEigenvalueFraction: Double
        public var bernoulli: Double
    }

    public func validate() throws {
        try DynamicsError.require(!hiddenWidths.isEmpty && hiddenWidths.allSatisfy { $0 >= 1 && $0 <= 20 }, "hidden",
                                  "expected hidden widths from 1 to 20, got \(hiddenWidths)")
        try DynamicsError.require(starts >= 1 && starts <= 1_000_000, "starts", "expected 1 to 10⁶ starts, got \(starts)")
        try DynamicsError.require(samples >= 2 && samples <= 100_000, "samples", "expected 2 to 10⁵ samples, got \(samples)")
        try DynamicsError.require(teacherWidth >= 1 && teacherWidth <= 20, "teacherWidth", "expected 1 to 20, got \(teacherWidth)")
        try DynamicsError.require(noise >= 0 && noise.isFinite, "noise", "expected a noise level ≥ 0, got \(noise)")
        try DynamicsError.require(maxIterations >= 1, "maxIterations", "expected ≥ 1, got \(maxIterations)")
    }

    /// The data (x, y).
    public func data() -> (x: [Double], y: [Double]) {
        let rx = RandomStream(seed: seed, stream: -1), rt = RandomStream(seed: seed, stream: -2)
        let teacher = (0..<(3 * teacherWidth)).map { _ in rt.gaussian() }
        let x = (0..<samples).map { _ in rx.gaussian() }
        let y = x.map { xi in Self.output(teacher, xi) + noise * rx.gaussian() }
        return (x, y)
    }

    static func output(_ w: [Double], _ x: Double) -> Double {
        var f = 0.0
        for j in 0..<(w.count / 3) { f += w[3 * j] * tanh(w[3 * j + 1] * x + w[3 * j + 2]) }
        return f
    }

    /// L(w), ∇L and ∇²L (row-major d × d) on the data.
    public static func lossGradientHessian(_ w: [Double], x: [Double], y: [Double],
                                           gradient g: inout [Double], hessian H: inout [Double]) -> Double {
        let d = w.count, h = d / 3
        for i in 0..<d { g[i] = 0 }
        for i in 0..<(d * d) { H[i] = 0 }
        var loss = 0.0
        var df = [Double](repeating: 0, count: d)
        var t = [Double](repeating: 0, count: h), s = t
        for i in x.indices {
            var f = 0.0
            for j in 0..<h {
                let tj = tanh(w[3 * j + 1] * x[i] + w[3 * j + 2])
                t[j] = tj; s[j] = 1 - tj * tj
                f += w[3 * j] * tj
            }
            let r = f - y[i]
            loss += r * r
            for j in 0..<h {
                df[3 * j] = t[j]
                df[3 * j + 1] = w[3 * j] * s[j] * x[i]
                df[3 * j + 2] = w[3 * j] * s[j]
            }
            for p in 0..<d {
                g[p] += r * df[p]
                for q in 0..<d { H[p * d + q] += df[p] * df[q] }
            }
            // r · ∂²f: only within a unit.
            for j in 0..<h {
                let a = w[3 * j], u = x[i], sj = s[j], d2 = -2 * t[j] * sj  // tanh'' = −2 tanh (1 − tanh²)
                let A = 3 * j, Bi = A + 1, C = A + 2
                let ab = r * sj * u, ac = r * sj
                let bb = r * a * d2 * u * u, bc = r * a * d2 * u, cc = r * a * d2
                H[A * d + Bi] += ab; H[Bi * d + A] += ab
                H[A * d + C] += ac; H[C * d + A] += ac
                H[Bi * d + Bi] += bb
                H[Bi * d + C] += bc; H[C * d + Bi] += bc
                H[C * d + C] += cc
            }
        }
        let n = Double(x.count)
        for p in 0..<d { g[p] /= n }
        for p in 0..<(d * d) { H[p] /= n }
        return loss / (2 * n)
    }

    /// One Newton run from start s: the point, its eigenvalues and kind, or nil if it did not converge.
    public func newton(start s: Int, hidden h: Int, x: [Double], y: [Double]) -> (point: [Double], eigenvalues: [Double], kind: Kind)? {
        let d = 3 * h
        let rng = RandomStream(seed: seed, stream: (h << 24) + s)
        var w = (0..<d).map { _ in rng.gaussian() }
        var g = [Double](repeating: 0, count: d), H = [Double](repeating: 0, count: d * d)
        guard let solver = try? SymmetricEigenSolver(dimension: d) else { return nil }
        for _ in 0..<maxIterations {
            _ = Self.lossGradientHessian(w, x: x, y: y, gradient: &g, hessian: &H)
            let gnorm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let rows = (0..<d).map { i in Array(H[(i * d)..<((i + 1) * d)]) }
            guard gnorm.isFinite, let decomposition = try? solver.decompose(rows) else { return nil }
            let (values, vectors) = decomposition
            let top = values.map(abs).max() ?? 0
            if gnorm < 1e-9 {
                let kind: Kind = values[0] > 1e-6 * top ? .minimum : (values[0] < -1e-6 * top ? .saddle : .degenerate)
                return (w, values, kind)
            }
            var step = [Double](repeating: 0, count: d)
            for k in 0..<d where abs(values[k]) > 1e-10 * top {
                let c = zip(vectors[k], g).reduce(0) { $0 + $1.0 * $1.1 } / values[k]
                for i in 0..<d { step[i] += c * vectors[k][i] }
            }
            let len = step.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let scale = len > 1 ? 1 / len : 1
            for i in 0..<d { w[i] -= scale * step[i] }
            if !(w.map(abs).max()! < 1e3) { return nil }
        }
        return nil
    }

    /// The point with units sign-fixed (a ≥ 0) and sorted.
    public static func canonical(_ w: [Double]) -> [Double] {
        var units = (0..<(w.count / 3)).map { j -> [Double] in
            let u = Array(w[(3 * j)..<(3 * j + 3)])
            return u[0] < 0 ? u.map { -$0 } : u
        }
        units.sort { $0.lexicographicallyPrecedes($1) }
        return units.flatMap { $0 }
    }

    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> [Row] {
        try validate()
        let (x, y) = data()
        var rows: [Row] = []
        for h in hiddenWidths {
            let me = self
            let found = Parallel.map(starts) { s -> (point: [Double], eigenvalues: [Double], kind: Kind)? in
                let r = me.newton(start: s, hidden: h, x: x, y: y)
                progress?(1)
                return r
            }
            let converged = found.compactMap { $0 }
            var distinct: [(point: [Double], eigenvalues: [Double], kind: Kind)] = []
            for c in converged {
                let p = Self.canonical(c.point)
                let same = distinct.contains { other in zip(other.point, p).allSatisfy { pair in abs(pair.0 - pair.1) < 1e-6 } }
                if !same {
                    distinct.append((p, c.eigenvalues, c.kind))
                }
            }
            let nondegenerate = distinct.filter { $0.kind != .degenerate }
            let dm = distinct.filter { $0.kind == .minimum }.count
            let ds = distinct.filter { $0.kind == .saddle }.count
            let p = nondegenerate.isEmpty ? Double.nan
                : nondegenerate.reduce(0) { $0 + Double($1.eigenvalues.filter { $0 > 0 }.count) / Double(3 * h) } / Double(nondegenerate.count)
            rows.append(Row(hidden: h, dimension: 3 * h, starts: starts, converged: converged.count,
                            minima: converged.filter { $0.kind == .minimum }.count,
                            saddles: converged.filter { $0.kind == .saddle }.count,
                            degenerate: converged.filter { $0.kind == .degenerate }.count,
                            distinct: distinct.count, distinctMinima: dm, distinctSaddles: ds,
                            minimumFraction: nondegenerate.isEmpty ? .nan : Double(dm) / Double(nondegenerate.count),
                            positiveEigenvalueFraction: p, bernoulli: pow(p, Double(3 * h))))
        }
        return rows
    }
}
