/// One contiguous block of Doubles owned by a workspace, carved into
/// fixed slices at creation; freed with the workspace. Not thread-safe: one
/// per chain.
public final class Scratch {
    @usableFromInline let base: UnsafeMutablePointer<Double>
    @usableFromInline let offsets: [Int]
    /// Total number of Doubles held.
    public let capacity: Int

    /// Slices of the given sizes, zero-initialised.
    public init(sizes: [Int]) {
        var offsets = [Int](), total = 0
        for s in sizes { offsets.append(total); total += s }
        offsets.append(total)
        self.offsets = offsets
        self.capacity = total
        base = .allocate(capacity: Swift.max(total, 1))
        base.initialize(repeating: 0, count: Swift.max(total, 1))
    }

    deinit { base.deallocate() }

    /// The start of slice k.
    @inlinable
    public subscript(_ k: Int) -> UnsafeMutablePointer<Double> { base + offsets[k] }
}

/// Row-major dense kernels on raw pointers (plain loops, i-k-j order so the
/// inner loop runs over contiguous memory).
@usableFromInline
enum Dense {
    /// C (m×n) = A (m×k) · B (k×n).
    @inlinable
    static func multiply(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
                         m: Int, k: Int, n: Int) {
        for i in 0..<m {
            let ci = c + i * n
            for j in 0..<n { ci[j] = 0 }
            for p in 0..<k {
                let aip = a[i * k + p]
                if aip == 0 { continue }
                let bp = b + p * n
                for j in 0..<n { ci[j] += aip * bp[j] }
            }
        }
    }

    /// C (m×n) = Aᵀ · B with A stored k×m, B k×n.
    @inlinable
    static func multiplyTransposedA(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
                                    m: Int, k: Int, n: Int) {
        for i in 0..<(m * n) { c[i] = 0 }
        for p in 0..<k {
            let ap = a + p * m, bp = b + p * n
            for i in 0..<m {
                let api = ap[i]
                if api == 0 { continue }
                let ci = c + i * n
                for j in 0..<n { ci[j] += api * bp[j] }
            }
        }
    }

    /// C (m×n) = A · Bᵀ with A m×k, B stored n×k.
    @inlinable
    static func multiplyTransposedB(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
                                    m: Int, k: Int, n: Int) {
        for i in 0..<m {
            let ai = a + i * k
            for j in 0..<n {
                let bj = b + j * k
                var s = 0.0
                for p in 0..<k { s += ai[p] * bj[p] }
                c[i * n + j] = s
            }
        }
    }
}
