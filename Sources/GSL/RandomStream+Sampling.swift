import CGSL

extension RandomStream {
    /// A uniform integer in 0..<n for n ≤ 2³², by Lemire's (2019) multiply-shift
    /// with rejection ("Fast random integer generation in an interval", ACM
    /// TOMACS 29(1)): exactly uniform, and no division on the common path.
    /// The hot path of minibatch sampling.
    @inlinable
    public func boundedIndex(below n: Int) -> Int {
        precondition(n > 0 && n <= 0x1_0000_0000, "boundedIndex(below:) needs 0 < n ≤ 2^32, got \(n)")
        let range = UInt64(n)
        var m = UInt64(gsl_rng_get(rng)) &* range
        var low = m & 0xFFFF_FFFF
        if low < range {
            let threshold = (0x1_0000_0000 &- range) % range
            while low < threshold {
                m = UInt64(gsl_rng_get(rng)) &* range
                low = m & 0xFFFF_FFFF
            }
        }
        return Int(m >> 32)
    }

    /// Advances a lazy Fisher–Yates shuffle of `permutation` by `count`
    /// positions starting at `start`: afterwards `permutation[start..<start+count]`
    /// is a uniformly random draw without replacement from the elements not
    /// yet drawn this epoch. Costs about one random number per index, not a
    /// full shuffle; for n ≤ 2¹⁶ each 32-bit output of the generator serves two
    /// indices (Lemire's method on 16-bit halves, still exactly uniform).
    @inlinable
    public func drawWithoutReplacement(_ permutation: UnsafeMutableBufferPointer<Int>, start: Int, count: Int) {
        let n = permutation.count
        guard n <= 0x1_0000 else {
            for i in start..<(start + count) {
                permutation.swapAt(i, i + boundedIndex(below: n - i))
            }
            return
        }
        var buffer: UInt32 = 0
        var halvesLeft = 0
        @inline(__always) func next16() -> UInt32 {
            if halvesLeft == 0 {
                buffer = UInt32(truncatingIfNeeded: gsl_rng_get(rng))
                halvesLeft = 2
            }
            let v = buffer & 0xFFFF
            buffer >>= 16
            halvesLeft -= 1
            return v
        }
        for i in start..<(start + count) {
            let range = UInt32(n - i)
            var m = next16() &* range
            var low = m & 0xFFFF
            if low < range {
                let threshold = (0x1_0000 &- range) % range
                while low < threshold {
                    m = next16() &* range
                    low = m & 0xFFFF
                }
            }
            permutation.swapAt(i, i + Int(m >> 16))
        }
    }
}
