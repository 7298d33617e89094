import GSL
import Testing

@Suite struct RandomStreamTests {
    @Test func sameSeedSameNumbers() {
        let a = RandomStream(seed: 42, stream: 3), b = RandomStream(seed: 42, stream: 3)
        for _ in 0..<1000 {
            #expect(a.uniform() == b.uniform())
            #expect(a.gaussian() == b.gaussian())
        }
        let c = RandomStream(seed: 42).stream(3)
        let d = RandomStream(seed: 42, stream: 3)
        #expect((0..<100).map { _ in c.uniform() } == (0..<100).map { _ in d.uniform() })
    }

    @Test func streamsDiffer() {
        let root = RandomStream(seed: 7)
        var firsts = Set<Double>()
        for k in 0..<64 {
            let s = root.stream(k)
            firsts.insert(s.uniform())
        }
        #expect(firsts.count == 64)
        let a = root.stream(0), b = root.stream(1)
        let xa = (0..<100).map { _ in a.uniform() }, xb = (0..<100).map { _ in b.uniform() }
        #expect(zip(xa, xb).filter { $0 == $1 }.isEmpty)
        // Different user seeds give different streams too.
        #expect(RandomStream(seed: 1).uniform() != RandomStream(seed: 2).uniform())
    }

    /// Sample mean and variance of N = 200 000 standard normals: the mean has
    /// standard error 1/√N and the variance √(2/N); accept within 5σ.
    @Test func gaussianMoments() {
        let rng = RandomStream(seed: 2024)
        let n = 200_000
        let x = (0..<n).map { _ in rng.gaussian() }
        let mean = x.reduce(0, +) / Double(n)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        #expect(abs(mean) < 5 / Double(n).squareRoot())
        #expect(abs(variance - 1) < 5 * (2 / Double(n)).squareRoot())
    }

    @Test func uniformRangesAndShuffle() {
        let rng = RandomStream(seed: 9)
        for _ in 0..<10_000 {
            let u = rng.uniform()
            #expect(u >= 0 && u < 1)
            let v = rng.uniform(in: -2...3)
            #expect(v >= -2 && v <= 3)
            let k = rng.uniformInt(below: 7)
            #expect((0..<7).contains(k))
        }
        let big = rng.uniformInt(below: 1 << 40)
        #expect((0..<(1 << 40)).contains(big))
        var a = Array(0..<100)
        rng.shuffle(&a)
        #expect(a != Array(0..<100))
        #expect(a.sorted() == Array(0..<100))
    }
}

@Suite struct MinibatchSamplingTests {
    /// Lemire's bounded integers are uniform: chi-square over 7 bins of 70,000
    /// draws stays below the 0.999 quantile of χ²₆ (22.46).
    @Test func boundedIndexIsUniform() throws {
        let rng = RandomStream(seed: 4)
        var counts = [Double](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[rng.boundedIndex(below: 7)] += 1 }
        let chi2 = counts.reduce(0) { $0 + ($1 - 10_000) * ($1 - 10_000) / 10_000 }
        #expect(chi2 < 22.46)
    }

    /// The 16-bit path (n ≤ 2¹⁶) draws each element first with probability 1/n:
    /// chi-square over n = 7 for 70,000 fresh draws stays below χ²₆'s 0.999 quantile (22.46).
    @Test func sixteenBitDrawsAreUniform() {
        let rng = RandomStream(seed: 6)
        var counts = [Double](repeating: 0, count: 7)
        var permutation = Array(0..<7)
        permutation.withUnsafeMutableBufferPointer { p in
            for _ in 0..<70_000 {
                rng.drawWithoutReplacement(p, start: 0, count: 1)
                counts[p[0]] += 1
            }
        }
        let chi2 = counts.reduce(0) { $0 + ($1 - 10_000) * ($1 - 10_000) / 10_000 }
        #expect(chi2 < 22.46)
    }

    /// One epoch of lazy Fisher–Yates batches is a permutation: every index once.
    @Test func anEpochOfBatchesDrawsEveryIndexOnce() {
        let rng = RandomStream(seed: 5)
        var permutation = Array(0..<1000)
        var seen: [Int] = []
        permutation.withUnsafeMutableBufferPointer { p in
            for start in stride(from: 0, to: 1000, by: 100) {
                rng.drawWithoutReplacement(p, start: start, count: 100)
                seen += p[start..<start + 100]
            }
        }
        #expect(seen.sorted() == Array(0..<1000))
        #expect(seen != Array(0..<1000))
    }
}
