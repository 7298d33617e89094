import Polynomials

/// A polynomial K(w) used directly as the loss, with no data: the tempered
/// posterior is ∝ φ(w) exp(−nβ K(w)) with the n the user sets. Every
/// "batch" is the whole potential.
public struct Potential: Model {
    /// K, the loss.
    public let k: Polynomial
    /// K compiled over `parameterNames`.
    public let compiled: CompiledPolynomial
    /// The n of exp(−nβ K).
    public let sampleCount: Int
    /// A reference point w0 (a zero of K) for reports; the origin by default.
    public let truth: [Double]

    public var dimension: Int { compiled.variables.count }
    public var parameterNames: [String] { compiled.variables }

    /// The potential K over `variables` (default: K's own, in natural order).
    public init(k: Polynomial, variables: [String]? = nil, sampleCount n: Int, truth: [Double]? = nil) throws {
        let variables = variables ?? k.variables
        guard !variables.isEmpty else { throw ModelError("K = \(k) has no variables; the potential needs at least one parameter") }
        guard n > 0 else { throw ModelError("n must be a positive integer, got \(n)") }
        do {
            compiled = try CompiledPolynomial(k, variables: variables)
        } catch {
            throw ModelError("\(error)")
        }
        self.k = k
        sampleCount = n
        let truth = truth ?? [Double](repeating: 0, count: variables.count)
        guard truth.count == variables.count else { throw ModelError("the truth has \(truth.count) parameters, the model \(variables.count)") }
        self.truth = truth
    }

    /// The same K with its n set (n only enters nβ; a potential has no samples to drop).
    public func withSampleCount(_ n: Int) throws -> Potential? {
        try Potential(k: k, variables: parameterNames, sampleCount: n, truth: truth)
    }

    public func makeWorkspace(maxBatchSize: Int) -> Scratch { Scratch(sizes: [compiled.scratchCount]) }

    @inlinable
    public func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout Scratch) -> Double {
        compiled.value(at: w, scratch: UnsafeMutableBufferPointer(start: workspace[0], count: compiled.scratchCount))
    }

    @inlinable
    public func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>,
                                workspace: inout Scratch) -> Double {
        compiled.valueAndGradient(at: w, gradient: gradient,
                                  scratch: UnsafeMutableBufferPointer(start: workspace[0], count: compiled.scratchCount))
    }

    /// The whole potential, whatever the batch (there are no samples).
    @inlinable
    public func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>,
                                     gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Scratch) -> Double {
        lossAndGradient(w, gradient: gradient, workspace: &workspace)
    }

    /// Writes −K(w) into the first slot (a potential has no per-sample terms).
    public func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>,
                               workspace: inout Scratch) {
        guard !output.isEmpty else { return }
        output[0] = -loss(w, workspace: &workspace)
    }

    /// K(w) itself.
    public func populationLoss(_ w: [Double]) -> Double? {
        w.count == dimension ? compiled.value(w) : nil
    }
}
