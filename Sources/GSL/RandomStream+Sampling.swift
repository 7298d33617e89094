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
    /// yet drawn this epoch. Costs `count` random numbers, not a full shuffle.
    @inlinable
    public func drawWithoutReplacement(_ permutation: UnsafeMutableBufferPointer<Int>, start: Int, count: Int) {
        let n = permutation.count
        for i in start..<(start + count) {
            let j = i + boundedIndex(below: n - i)
            permutation.swapAt(i, j)
        }
    }
}
