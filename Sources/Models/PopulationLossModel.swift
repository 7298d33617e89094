/// The population loss K(w) = L(w) − L(w0) of a model, as a model of its
/// own whose loss is K (a potential with the base model's n): what volume
/// scaling is about, V(ε) = ∫_{K(w) < ε} φ(w) dw. The empirical
/// L_n(w) − L_n(w*) of a data model differs from K by the data's noise, so
/// below ε ≈ 1/n its level sets stop shrinking; K's do not.
///
/// Only for models whose K has a closed form (`populationLoss` is non-nil:
/// polynomial and linear regression, reduced-rank regression and deep linear
/// networks on synthetic data). The gradient, which volume scaling does not
/// use, is by central differences.
public struct PopulationLossModel<Base: Model>: Model {
    public let base: Base

    public var dimension: Int { base.dimension }
    public var parameterNames: [String] { base.parameterNames }
    public var sampleCount: Int { base.sampleCount }

    /// Throws if `base` has no closed-form K.
    public init(_ base: Base) throws {
        guard base.populationLoss([Double](repeating: 0, count: base.dimension)) != nil else {
            throw ModelError("this model has no closed-form population loss K (tanh and ReLU networks, CSV data, or no known truth)")
        }
        self.base = base
    }

    /// A copy of w (`populationLoss` takes an array).
    public func makeWorkspace(maxBatchSize: Int) -> [Double] { [Double](repeating: 0, count: base.dimension) }

    public func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout [Double]) -> Double {
        for j in 0..<w.count { workspace[j] = w[j] }
        return base.populationLoss(workspace) ?? .nan
    }

    /// K and its gradient by central differences, step 1e-6·max(1, |w_j|).
    public func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>,
                                workspace: inout [Double]) -> Double {
        let value = loss(w, workspace: &workspace)
        for j in 0..<w.count {
            let h = 1e-6 * Swift.max(1, abs(w[j]))
            workspace[j] = w[j] + h
            let up = base.populationLoss(workspace) ?? .nan
            workspace[j] = w[j] - h
            let down = base.populationLoss(workspace) ?? .nan
            workspace[j] = w[j]
            gradient[j] = (up - down) / (2 * h)
        }
        return value
    }

    /// K has no samples: every batch is the whole of it.
    public func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>,
                                     gradient: UnsafeMutableBufferPointer<Double>, workspace: inout [Double]) -> Double {
        lossAndGradient(w, gradient: gradient, workspace: &workspace)
    }

    /// −K(w) in the first slot, as for a potential.
    public func logLikelihoods(_ w: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>,
                               workspace: inout [Double]) {
        guard !output.isEmpty else { return }
        output[0] = -loss(w, workspace: &workspace)
    }

    public func populationLoss(_ w: [Double]) -> Double? { base.populationLoss(w) }
}
