import Testing
@testable import GSL

/// `RandomStream.gaussians(_:)` is a faster way to the same numbers as
/// `gaussian()`: bit for bit, in order, with the stream left in the same state.
@Suite struct BulkGaussianTests {
    /// The tables were read off GSL and passed the self-check, so the fast
    /// path (not the fallback to GSL) is what the comparison below exercises.
    @Test func fastPathIsActive() {
        let t = ZigguratTables.shared
        #expect(t.isValid)
        #expect(t.k.count == 128 && t.w.count == 128)
        // Most strips accept most j at once; the tail strip's scale is largest.
        #expect(t.k.filter { $0 > 1 << 23 }.count > 100)
        #expect(t.w[127] == t.w.max())
    }

    /// Blocks of many sizes (1, 2, 127, 128, 624, 5000, …) across the
    /// twister's refills and several streams: every draw's bit pattern
    /// equals `gaussian()`'s, and the next uniform after them is equal too.
    @Test(arguments: [(UInt64(1), 0), (UInt64(7), 3), (UInt64(123_456_789), 11)])
    func sameNumbersAsOneAtATime(_ seed: UInt64, _ stream: Int) {
        let one = RandomStream(seed: seed, stream: stream), bulk = RandomStream(seed: seed, stream: stream)
        var buffer = [Double](repeating: 0, count: 5000)
        var mismatches = 0, total = 0
        for size in [1, 2, 127, 128, 623, 624, 625, 5000, 3, 1000, 4999] {
            buffer.withUnsafeMutableBufferPointer { bulk.gaussians(UnsafeMutableBufferPointer(rebasing: $0[0..<size])) }
            for n in 0..<size {
                let x = one.gaussian()
                if x.bitPattern != buffer[n].bitPattern { mismatches += 1 }
                total += 1
            }
            // Interleaved with other draws, as a chain's minibatch draws are.
            #expect(one.uniform() == bulk.uniform())
        }
        #expect(mismatches == 0, "\(mismatches) of \(total) draws differ")
    }

    /// An empty buffer draws nothing.
    @Test func emptyDrawsNothing() {
        let a = RandomStream(seed: 5), b = RandomStream(seed: 5)
        a.gaussians(UnsafeMutableBufferPointer(start: nil, count: 0))
        #expect(a.uniform() == b.uniform())
    }
}
