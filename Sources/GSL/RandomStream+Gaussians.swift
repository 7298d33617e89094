import CGSL

extension RandomStream {
    /// Fills `output` with standard normal draws: bit for bit the numbers
    /// `output.count` calls of `gaussian()` return, in order, leaving the
    /// stream in the same state, only faster: the Langevin noise of a step
    /// over every parameter.
    ///
    /// How: GSL's ziggurat (`gsl_ran_gaussian_ziggurat`, Marsaglia & Tsang)
    /// takes one 32-bit draw r, a strip i = r mod 128, a sign (bit 7) and
    /// j = r >> 8 (24 bits), and returns ±j·w_i when j < k_i (about 99% of
    /// draws). This reads the next mt19937 word of the stream's own state
    /// (tempered as `gsl_rng_get` does) and takes that fast path itself with
    /// GSL's own tables k_i and w_i (`ZigguratTables`), refilling the
    /// twister's 624 words itself when they run out; the wedge and tail
    /// rejections (about 1%) are handed to GSL's function at the same state. Should the tables or the
    /// state layout not reproduce GSL (checked once per process), every draw
    /// goes to GSL.
    public func gaussians(_ output: UnsafeMutableBufferPointer<Double>) {
        let tables = ZigguratTables.shared
        if tables.isValid, let state = MersenneTwisterState(rng) {
            ZigguratTables.fill(output, rng: rng, state: state, k: tables.k, w: tables.w)
        } else {
            for n in output.indices { output[n] = gsl_ran_gaussian_ziggurat(rng, 1) }
        }
    }
}

/// GSL's mt19937 state (`mt_state_t` in GSL's mt.c: 624 words held in
/// `unsigned long`, then the index `mti` of the next word), seen through
/// the generator's `state` pointer; nil unless the generator is mt19937
/// with that state size. `ZigguratTables` checks the layout against GSL's
/// own draws before the fast path is used.
struct MersenneTwisterState {
    static let wordCount = 624
    let words: UnsafeMutablePointer<UInt>
    let index: UnsafeMutablePointer<Int32>

    init?(_ rng: UnsafeMutablePointer<gsl_rng>) {
        guard let type = rng.pointee.type, type == cgsl_rng_mt19937(), let raw = rng.pointee.state,
              type.pointee.size == MemoryLayout<UInt>.stride * Self.wordCount + 8
        else { return nil }
        words = raw.assumingMemoryBound(to: UInt.self)
        index = (raw + MemoryLayout<UInt>.stride * Self.wordCount).assumingMemoryBound(to: Int32.self)
    }

    /// The next 624 words of the twister (Matsumoto & Nishimura 1998's
    /// recurrence, what `gsl_rng_get` does when the words run out), with
    /// the index reset to 0; the twist's conditional XOR without a branch.
    func refill() {
        let n = Self.wordCount, m = 397
        @inline(__always) func twist(_ a: UInt, _ b: UInt, _ c: UInt) -> UInt {
            let y = (a & 0x8000_0000) | (b & 0x7FFF_FFFF)
            return c ^ (y >> 1) ^ ((0 &- (y & 1)) & 0x9908_B0DF)
        }
        for i in 0..<(n - m) { words[i] = twist(words[i], words[i + 1], words[i + m]) }
        for i in (n - m)..<(n - 1) { words[i] = twist(words[i], words[i + 1], words[i + m - n]) }
        words[n - 1] = twist(words[n - 1], words[0], words[m - 1])
        index.pointee = 0
    }

    /// mt19937's output tempering of a 32-bit word.
    @inline(__always)
    static func temper(_ word: UInt64) -> UInt64 {
        var y = word
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }
}

/// The fast-path tables of GSL's ziggurat: for each strip i < 128 the
/// threshold k_i (j < k_i accepts at once) and the scale w_i (x = j·w_i).
/// They are read off `gsl_ran_gaussian_ziggurat` itself, by feeding it
/// chosen 32-bit words from a scripted generator (k_i: the first j that
/// makes it draw a second word, by bisection; w_i: its output at j = 1), so
/// they are GSL's values bit for bit. Then checked: 20,000 draws from each
/// of three seeds through the fast path must equal GSL's, with the streams
/// in the same state after. Computed once per process.
struct ZigguratTables: Sendable {
    let k: [UInt64]
    let w: [Double]
    /// Whether the fast path reproduced GSL on the check.
    let isValid: Bool

    static let shared = ZigguratTables()

    init() {
        GSLRuntime.ensureReady()
        var k = [UInt64](repeating: 0, count: 128), w = [Double](repeating: 0, count: 128)
        var read = false
        ScriptedGenerator.with { probe in
            for i in 0..<128 {
                // The smallest j ≤ 2^24 whose word leaves the fast path (2^24: none does).
                var lo: UInt64 = 0, hi: UInt64 = 1 << 24
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if probe.draw(word: (mid << 8) | 0x80 | UInt64(i)).calls > 1 { hi = mid } else { lo = mid + 1 }
                }
                k[i] = lo
                // j = 1 on the fast path returns w_i exactly; with k_i ≤ 1 only j = 0 is fast, and w_i does not matter.
                if lo >= 2 { w[i] = probe.draw(word: (1 << 8) | 0x80 | UInt64(i)).value }
            }
            read = true
        }
        self.k = k
        self.w = w
        isValid = read && Self.check(k: k, w: w)
    }

    /// The fast path on `state` (the stream `rng`'s), with the tables `k`, `w`.
    static func fill(_ output: UnsafeMutableBufferPointer<Double>, rng: UnsafeMutablePointer<gsl_rng>, state: MersenneTwisterState,
                     k: [UInt64], w: [Double]) {
        guard let out = output.baseAddress else { return }
        k.withUnsafeBufferPointer { k in
        w.withUnsafeBufferPointer { w in
            let words = state.words
            var index = Int(state.index.pointee)
            for n in 0..<output.count {
                if index >= MersenneTwisterState.wordCount {
                    state.refill()
                    index = 0
                }
                let r = MersenneTwisterState.temper(UInt64(words[index]))
                let i = Int(r & 0x7F), j = (r >> 8) & 0xFF_FFFF
                if j < k[i] {
                    // GSL returns sign·σ·x with σ = 1: exactly ±x, x = j·w_i ≥ 0; bit 7 clear
                    // sets the sign bit (−0.0 for j = 0, as GSL's −1·0.0), without a branch.
                    // j < 2^24: exact as a signed 32-bit integer, whose conversion is one instruction
                    // (an unsigned 64-bit one is a branchy sequence on x86-64).
                    let x = Double(Int32(truncatingIfNeeded: j)) * w[i]
                    out[n] = Double(bitPattern: x.bitPattern | ((~r & 0x80) << 56))
                    index += 1
                    continue
                }
                state.index.pointee = Int32(index)
                out[n] = gsl_ran_gaussian_ziggurat(rng, 1)
                index = Int(state.index.pointee)
            }
            state.index.pointee = Int32(index)
        }}
    }

    /// Whether the fast path with `k`, `w` gives GSL's draws bit for bit, and
    /// leaves the stream where GSL does (the next word equal).
    static func check(k: [UInt64], w: [Double]) -> Bool {
        let count = 20_000
        for seed: UInt in [1, 4357, 2_718_281_828] {
            guard let a = gsl_rng_alloc(cgsl_rng_mt19937()), let b = gsl_rng_alloc(cgsl_rng_mt19937()) else { return false }
            defer { gsl_rng_free(a); gsl_rng_free(b) }
            gsl_rng_set(a, seed)
            gsl_rng_set(b, seed)
            guard let state = MersenneTwisterState(b) else { return false }
            var fast = [Double](repeating: 0, count: count)
            // In blocks of uneven sizes, across refills of the twister.
            var start = 0, block = 1
            while start < count {
                let m = min(block, count - start)
                fast.withUnsafeMutableBufferPointer { fill(UnsafeMutableBufferPointer(rebasing: $0[start..<(start + m)]), rng: b, state: state, k: k, w: w) }
                start += m
                block = block * 3 + 1
            }
            for n in 0..<count where gsl_ran_gaussian_ziggurat(a, 1).bitPattern != fast[n].bitPattern { return false }
            if gsl_rng_get(a) != gsl_rng_get(b) { return false }
        }
        return true
    }
}

/// A GSL generator type whose words are scripted: the first draw returns
/// `word`, every later one 0x7F (strip 127 with j = 0, which ends any
/// rejection loop of the ziggurat at once); it counts the draws.
final class ScriptedGenerator {
    struct Script {
        var word: UInt64
        var calls: UInt64
    }
    let type: UnsafeMutablePointer<gsl_rng_type>
    let rng: UnsafeMutablePointer<gsl_rng>

    private init?() {
        type = .allocate(capacity: 1)
        type.initialize(to: gsl_rng_type(
            name: Self.name, max: 0xFFFF_FFFF, min: 0, size: MemoryLayout<Script>.stride,
            set: { state, _ in state!.assumingMemoryBound(to: Script.self).pointee = Script(word: 0, calls: 0) },
            get: { state in ScriptedGenerator.next(state!) },
            get_double: { state in Double(ScriptedGenerator.next(state!)) / 4_294_967_296.0 }))
        guard let rng = gsl_rng_alloc(type) else {
            type.deallocate()
            return nil
        }
        self.rng = rng
    }

    deinit {
        gsl_rng_free(rng)
        type.deinitialize(count: 1)
        type.deallocate()
    }

    /// The generator's name, a C string that lives as long as the program.
    private static var name: UnsafePointer<CChar> {
        UnsafeRawPointer(("scripted" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
    }

    private static func next(_ state: UnsafeMutableRawPointer) -> UInt {
        let s = state.assumingMemoryBound(to: Script.self)
        defer { s.pointee.calls += 1 }
        return s.pointee.calls == 0 ? UInt(s.pointee.word) : 0x7F
    }

    /// GSL's ziggurat on the script starting with `word`: its value and the draws it took.
    func draw(word: UInt64) -> (value: Double, calls: UInt64) {
        let s = rng.pointee.state!.assumingMemoryBound(to: Script.self)
        s.pointee = Script(word: word, calls: 0)
        let value = gsl_ran_gaussian_ziggurat(rng, 1)
        return (value, s.pointee.calls)
    }

    /// Runs `body` with a scripted generator (not at all if GSL cannot allocate one).
    static func with(_ body: (ScriptedGenerator) -> Void) {
        if let g = ScriptedGenerator() { body(g) }
    }
}
