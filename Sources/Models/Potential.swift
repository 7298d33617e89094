import Polynomials

/// A polynomial K(w) used directly as the loss, with no data: the tempered
/// posterior is exp(−nβ K(w)) φ(w). Used for quadrature, volume scaling and
/// LLC checks on potentials whose learning coefficient is known.
public struct Potential: Model {
    public typealias Workspace = Void
    public let polynomial: CompiledPolynomial
    /// The n the user chose (it only sets the temperature through nβ).
    public let sampleCount: Int

    /// K over `variables` (default: the polynomial's own, in natural order).
    public init(_ k: Polynomial, sampleCount n: Int, variables: [String]? = nil) {
        polynomial = k.compiled(variables: variables)
        sampleCount = n
    }

    public var dimension: Int { polynomial.dimension }
    public var parameterNames: [String] { polynomial.variables }

    public func makeWorkspace(maxBatchSize: Int) {}

    @inlinable
    public func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout Void) -> Double {
        polynomial.value(at: w)
    }

    @inlinable
    public func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Void) -> Double {
        polynomial.valueAndGradient(at: w, gradient: gradient)
    }

    /// No data: a batch is the whole potential.
    @inlinable
    public func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>, gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Void) -> Double {
        polynomial.valueAndGradient(at: w, gradient: gradient)
    }

    public func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>, workspace: inout Void) {
        output[0] = -polynomial.value(at: w)
    }

    public func populationLoss(_ w: [Double]) -> Double? { polynomial.value(w) }
}
