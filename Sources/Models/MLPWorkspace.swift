/// One chain's buffers for `MLP`'s batched kernels, allocated once: for a
/// chunk of at most `rows` samples, the gathered inputs X (rows × H_0) and
/// targets Y, each layer's pre-activations Z_l and activations A_l
/// (rows × H_l), two back-propagation buffers (rows × max H_l) and a column
/// of ones (for the bias gradients as one matrix–vector product). Not
/// thread-safe: one per chain.
public final class MLPWorkspace {
    /// The most samples one chunk holds.
    public let rows: Int
    let storage: Scratch
    let x: UnsafeMutablePointer<Double>
    let y: UnsafeMutablePointer<Double>
    /// Z_l for l = 1…L (index l − 1).
    let z: [UnsafeMutablePointer<Double>]
    /// A_l = φ_l(Z_l) for the hidden layers l = 1…L−1 (index l − 1).
    let a: [UnsafeMutablePointer<Double>]
    let deltaA: UnsafeMutablePointer<Double>
    let deltaB: UnsafeMutablePointer<Double>
    let ones: UnsafeMutablePointer<Double>
    /// The float32 buffers of a network whose products run in single
    /// precision (nil for float64).
    let single: SinglePrecisionBuffers?

    /// Buffers for chunks of `rows` samples of a network with these widths
    /// and `targetWidth` columns of y; with float32 buffers too when
    /// `precision` is `single`.
    init(rows: Int, widths: [Int], targetWidth: Int, precision: MLP.Precision = .double, parameterCount: Int = 0) {
        self.rows = rows
        let depth = widths.count - 1, widest = widths.max()!
        var sizes = [rows * widths[0], rows * targetWidth]
        sizes += (1...depth).map { rows * widths[$0] }
        sizes += (1..<depth).map { rows * widths[$0] }
        sizes += [rows * widest, rows * widest, rows]
        let storage = Scratch(sizes: sizes)
        self.storage = storage
        x = storage[0]
        y = storage[1]
        z = (0..<depth).map { storage[2 + $0] }
        a = (0..<(depth - 1)).map { storage[2 + depth + $0] }
        deltaA = storage[1 + 2 * depth]
        deltaB = storage[2 + 2 * depth]
        ones = storage[3 + 2 * depth]
        for i in 0..<rows { ones[i] = 1 }
        single = precision == .single ? SinglePrecisionBuffers(rows: rows, widths: widths, parameterCount: parameterCount) : nil
    }

    /// Doubles held (float32 buffers counted as half a Double each).
    public var capacity: Int { storage.capacity + (single.map { ($0.count + 1) / 2 } ?? 0) }

    /// Doubles a workspace of `rows` rows holds, for resource estimates:
    /// rows · (H_0 + targetWidth + H_L + 2 Σ_{0<l<L} H_l + 2 max H_l + 1).
    public static func size(rows: Int, widths: [Int], targetWidth: Int) -> Int {
        let hidden = widths.dropFirst().dropLast().reduce(0, +)
        return rows * (widths[0] + targetWidth + widths[widths.count - 1] + 2 * hidden + 2 * widths.max()! + 1)
    }
}

/// The float32 side of an `MLPWorkspace` for sgemm: w (in w's layout, so
/// W_l starts at the model's weight offset), a chunk's inputs X, each hidden layer's activations A_l, one
/// layer's product Z (or ∇W_l), and the back-propagated Δ before and after
/// the product with W_l. One block, freed with the workspace.
final class SinglePrecisionBuffers {
    let base: UnsafeMutablePointer<Float>
    /// Floats held.
    let count: Int
    let weights: UnsafeMutablePointer<Float>
    let x: UnsafeMutablePointer<Float>
    let a: [UnsafeMutablePointer<Float>]
    /// rows × max H_l, or max_l H_l·H_{l−1} (a layer's weight gradient).
    let product: UnsafeMutablePointer<Float>
    let delta: UnsafeMutablePointer<Float>

    init(rows: Int, widths: [Int], parameterCount: Int) {
        let depth = widths.count - 1, widest = widths.max()!
        let weightCount = parameterCount
        let largestLayer = (0..<depth).map { widths[$0] * widths[$0 + 1] }.max()!
        var sizes = [weightCount, rows * widths[0]]
        sizes += (1..<depth).map { rows * widths[$0] }
        sizes += [Swift.max(rows * widest, largestLayer), rows * widest]
        var offsets = [Int](), total = 0
        for size in sizes { offsets.append(total); total += size }
        count = total
        base = .allocate(capacity: Swift.max(total, 1))
        base.initialize(repeating: 0, count: Swift.max(total, 1))
        weights = base + offsets[0]
        x = base + offsets[1]
        a = (0..<(depth - 1)).map { [base] in base + offsets[2 + $0] }
        product = base + offsets[depth + 1]
        delta = base + offsets[depth + 2]
    }

    deinit { base.deallocate() }
}
