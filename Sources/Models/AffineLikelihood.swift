/// The Gaussian likelihood of an affine map y = P x + c + ε (P: N×M), the
/// shared core of `LinearRegression`, `ReducedRankRegression` and
/// `DeepLinearNetwork`, which differ only in how P depends on w.
///
/// The full-data loss uses the sufficient statistics Sxx = Σ x xᵀ, Sx = Σ x,
/// Syx = Σ y xᵀ, Sy = Σ y, Syy = Σ |y|², so a full-batch step costs
/// O(N M²), independent of n:
/// Σ_i |y_i − P x_i − c|² = Syy − 2 tr(Pᵀ Syx) − 2 c·Sy + tr(P Sxx Pᵀ) + 2 c·P Sx + n|c|².
@usableFromInline
struct AffineLikelihood: Sendable {
    @usableFromInline let data: Dataset
    @usableFromInline let noise: GaussianNoise
    @usableFromInline let m: Int
    @usableFromInline let k: Int
    @usableFromInline let sxx: [Double]
    @usableFromInline let sx: [Double]
    @usableFromInline let syx: [Double]
    @usableFromInline let sy: [Double]
    @usableFromInline let syy: Double

    init(data: Dataset, noise: GaussianNoise) {
        self.data = data
        self.noise = noise
        let m = data.inputDimension, k = data.outputDimension
        self.m = m
        self.k = k
        var sxx = [Double](repeating: 0, count: m * m), sx = [Double](repeating: 0, count: m)
        var syx = [Double](repeating: 0, count: k * m), sy = [Double](repeating: 0, count: k)
        var syy = 0.0
        for i in 0..<data.count {
            let x = data.inputs[(i * m)..<((i + 1) * m)], y = data.outputs[(i * k)..<((i + 1) * k)]
            for (a, xa) in x.enumerated() {
                sx[a] += xa
                for (b, xb) in x.enumerated() { sxx[a * m + b] += xa * xb }
            }
            for (r, yr) in y.enumerated() {
                sy[r] += yr
                syy += yr * yr
                for (a, xa) in x.enumerated() { syx[r * m + a] += yr * xa }
            }
        }
        self.sxx = sxx
        self.sx = sx
        self.syx = syx
        self.sy = sy
        self.syy = syy
    }

    /// Σ_i |y_i − P x_i − c|² from the sufficient statistics, and (when `gP`
    /// is not nil) ∂L_n/∂P and ∂L_n/∂c into gP and gc. Returns L_n.
    /// `u` is scratch of length M. `c`/`gc` nil means no offset.
    @inlinable
    func fullLoss(p: UnsafePointer<Double>, c: UnsafePointer<Double>?,
                  gP: UnsafeMutablePointer<Double>?, gc: UnsafeMutablePointer<Double>?,
                  u: UnsafeMutablePointer<Double>) -> Double {
        let n = Double(data.count)
        var s = syy
        let scale = noise.precision / n
        sxx.withUnsafeBufferPointer { sxx in
        sx.withUnsafeBufferPointer { sx in
        syx.withUnsafeBufferPointer { syx in
            for r in 0..<k {
                let pr = p + r * m
                // u = Sxx P_r
                for a in 0..<m {
                    var t = 0.0
                    for b in 0..<m { t += sxx[a * m + b] * pr[b] }
                    u[a] = t
                }
                var quad = 0.0, cross = 0.0, mean = 0.0
                for a in 0..<m {
                    quad += pr[a] * u[a]
                    cross += pr[a] * syx[r * m + a]
                    mean += pr[a] * sx[a]
                }
                s += quad - 2 * cross
                let cr = c?[r] ?? 0
                if c != nil { s += -2 * cr * sy[r] + 2 * cr * mean + n * cr * cr }
                if let gP {
                    for a in 0..<m { gP[r * m + a] = (u[a] + cr * sx[a] - syx[r * m + a]) * scale }
                    if let gc { gc[r] = (mean - sy[r] + n * cr) * scale }
                }
            }
        }}}
        return s * noise.precision / (2 * n) + Double(k) * noise.logNormalizer
    }

    /// The loss on the samples in `batch` and (when `gP` is not nil) its
    /// gradient in P and c. `res` is scratch of length N.
    @inlinable
    func batchLoss(p: UnsafePointer<Double>, c: UnsafePointer<Double>?, batch: UnsafeBufferPointer<Int>,
                   gP: UnsafeMutablePointer<Double>?, gc: UnsafeMutablePointer<Double>?,
                   res: UnsafeMutablePointer<Double>) -> Double {
        let b = batch.count
        if let gP { for j in 0..<(k * m) { gP[j] = 0 } }
        if let gc { for r in 0..<k { gc[r] = 0 } }
        var s = 0.0
        data.inputs.withUnsafeBufferPointer { xs in
        data.outputs.withUnsafeBufferPointer { ys in
            for i in batch {
                let x = xs.baseAddress! + i * m, y = ys.baseAddress! + i * k
                for r in 0..<k {
                    let pr = p + r * m
                    var f = c?[r] ?? 0
                    for a in 0..<m { f += pr[a] * x[a] }
                    let e = y[r] - f
                    res[r] = e
                    s += e * e
                }
                if let gP {
                    for r in 0..<k {
                        let e = res[r], gr = gP + r * m
                        for a in 0..<m { gr[a] -= e * x[a] }
                        if let gc { gc[r] -= e }
                    }
                }
            }
        }}
        let scale = noise.precision / Double(b)
        if let gP { for j in 0..<(k * m) { gP[j] *= scale } }
        if let gc { for r in 0..<k { gc[r] *= scale } }
        return s * noise.precision / (2 * Double(b)) + Double(k) * noise.logNormalizer
    }

    /// log p(y_i | x_i) for every sample.
    @inlinable
    func logLikelihoods(p: UnsafePointer<Double>, c: UnsafePointer<Double>?, into out: UnsafeMutableBufferPointer<Double>) {
        data.inputs.withUnsafeBufferPointer { xs in
        data.outputs.withUnsafeBufferPointer { ys in
            for i in 0..<data.count {
                let x = xs.baseAddress! + i * m, y = ys.baseAddress! + i * k
                var s = 0.0
                for r in 0..<k {
                    var f = c?[r] ?? 0
                    for a in 0..<m { f += p[r * m + a] * x[a] }
                    s += (y[r] - f) * (y[r] - f)
                }
                out[i] = -s * noise.precision / 2 - Double(k) * noise.logNormalizer
            }
        }}
    }

    /// K = (1/2σ²) E|ΔP x + Δc|² for x with i.i.d. coordinates of mean μ and
    /// variance v: (1/2σ²) Σ_r [v |ΔP_r|² + (μ Σ_a ΔP_ra + Δc_r)²].
    static func populationLoss(deltaP: [Double], deltaC: [Double]?, inputs law: InputDistribution,
                               m: Int, k: Int, noise: GaussianNoise) -> Double {
        var s = 0.0
        for r in 0..<k {
            var norm = 0.0, sum = 0.0
            for a in 0..<m { let d = deltaP[r * m + a]; norm += d * d; sum += d }
            let shift = law.mean * sum + (deltaC?[r] ?? 0)
            s += law.variance * norm + shift * shift
        }
        return s * noise.precision / 2
    }
}
