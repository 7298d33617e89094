import CGSL

/// A seeded Mersenne Twister (GSL's `mt19937`) random stream. One per chain.
///
/// The stream owns its `gsl_rng` and frees it when released. It is not
/// `Sendable`: give every chain or task its own stream, created with
/// `stream(k)` from one user seed, so results do not depend on the number of
/// threads. Same `(seed, stream)` → same numbers, always.
///
/// **Stream derivation.** Stream `k` of user seed `s` seeds mt19937 with
/// ```
/// z = SplitMix64(s ⊕ SplitMix64(k + 1))      // k as its 64-bit pattern
/// seed32 = (z >> 32) ⊕ (z & 0xFFFF_FFFF)
/// ```
/// where `SplitMix64(x)` is Steele–Lea–Flood's (2014) finaliser applied to
/// `x + 0x9E3779B97F4A7C15`. mt19937 uses only 32 bits of its seed, so
/// distinct `(s, k)` pairs collide with probability about 2⁻³² per pair; a
/// `seed32` of 0 is replaced by GSL with its default 4357.
public final class RandomStream {
    @usableFromInline
    let rng: UnsafeMutablePointer<gsl_rng>

    /// The user seed this stream was derived from.
    public let seed: UInt64
    /// The stream index `k` (chain or task number).
    public let streamIndex: Int

    /// Stream `stream` of user seed `seed` (see the type's documentation for
    /// the derivation).
    public init(seed: UInt64, stream: Int = 0) {
        GSLRuntime.ensureReady()
        guard let rng = gsl_rng_alloc(cgsl_rng_mt19937()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        self.rng = rng
        self.seed = seed
        self.streamIndex = stream
        gsl_rng_set(rng, UInt(RandomStream.mt19937Seed(seed: seed, stream: stream)))
    }

    deinit {
        gsl_rng_free(rng)
    }

    /// An independent stream for chain or task `k`, derived from this
    /// stream's user seed: `stream(k)` equals `RandomStream(seed: seed, stream: k)`
    /// whichever stream it is called on.
    public func stream(_ k: Int) -> RandomStream {
        RandomStream(seed: seed, stream: k)
    }

    /// The 32-bit mt19937 seed of stream `k` of user seed `seed`.
    public static func mt19937Seed(seed: UInt64, stream k: Int) -> UInt32 {
        let z = splitMix64(seed ^ splitMix64(UInt64(bitPattern: Int64(k)) &+ 1))
        return UInt32(truncatingIfNeeded: (z >> 32) ^ (z & 0xFFFF_FFFF))
    }

    /// SplitMix64's output function applied to `x + γ`, γ = 0x9E3779B97F4A7C15
    /// (Steele, Lea & Flood 2014).
    @inlinable
    static func splitMix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    // MARK: Uniform

    /// A uniform double in [0, 1) (`gsl_rng_uniform`).
    @inlinable
    public func uniform() -> Double {
        gsl_rng_uniform(rng)
    }

    /// A uniform double in `range`: `a + (b − a)·u`, u ∈ [0, 1).
    @inlinable
    public func uniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * gsl_rng_uniform(rng)
    }

    /// A uniform integer in `0..<n` without modulo bias (`gsl_rng_uniform_int`
    /// for n ≤ 2³²; rejection sampling on two 32-bit draws above that).
    /// `n` must be positive.
    @inlinable
    public func uniformInt(below n: Int) -> Int {
        precondition(n > 0, "uniformInt(below:) needs a positive bound, got \(n)")
        if n <= 0x1_0000_0000 {
            // mt19937's range is 0...2^32−1, so gsl_rng_uniform_int accepts n ≤ 2^32.
            return Int(gsl_rng_uniform_int(rng, UInt(n)))
        }
        let bound = UInt64(n)
        let limit = UInt64.max - UInt64.max % bound  // accept draws below a multiple of n
        while true {
            let hi = UInt64(gsl_rng_get(rng)), lo = UInt64(gsl_rng_get(rng))
            let x = (hi << 32) | lo
            if x < limit { return Int(x % bound) }
        }
    }

    /// Shuffles `a` in place (Fisher–Yates, `gsl_ran_shuffle`).
    @inlinable
    public func shuffle(_ a: inout [Int]) {
        a.withUnsafeMutableBufferPointer { shuffle($0) }
    }

    /// Shuffles `buffer` in place (Fisher–Yates, `gsl_ran_shuffle`).
    @inlinable
    public func shuffle(_ buffer: UnsafeMutableBufferPointer<Int>) {
        guard let base = buffer.baseAddress, buffer.count > 1 else { return }
        gsl_ran_shuffle(rng, base, buffer.count, MemoryLayout<Int>.stride)
    }

    // MARK: Distributions

    /// A standard normal draw, σ = 1 (Marsaglia–Tsang ziggurat,
    /// `gsl_ran_gaussian_ziggurat`).
    @inlinable
    public func gaussian() -> Double {
        gsl_ran_gaussian_ziggurat(rng, 1)
    }

    /// A N(0, σ²) draw (ziggurat).
    @inlinable
    public func gaussian(sigma: Double) -> Double {
        gsl_ran_gaussian_ziggurat(rng, sigma)
    }
}
