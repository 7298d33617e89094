/// A model whose loss and gradient over any set of samples come from one
/// routine, `accumulate`: the full data is the range 0..<n, a minibatch is its
/// index list. The three `Model` entry points are written once, here.
public protocol SampleAccumulatingModel: RegressionModel where Workspace == Scratch {
    /// −(1/count) Σ_{i ∈ indices} log p(y_i | x_i, w), with its gradient
    /// written to `gradient` when it is not nil.
    func accumulate<S: Sequence>(_ w: UnsafePointer<Double>, _ indices: S, count: Int,
                                 gradient: UnsafeMutablePointer<Double>?, _ scratch: Scratch) -> Double where S.Element == Int
}

extension SampleAccumulatingModel {
    @inlinable
    public func loss(_ w: UnsafeBufferPointer<Double>, workspace: inout Scratch) -> Double {
        accumulate(w.baseAddress!, 0..<data.count, count: data.count, gradient: nil, workspace)
    }

    @inlinable
    public func lossAndGradient(_ w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>,
                                workspace: inout Scratch) -> Double {
        accumulate(w.baseAddress!, 0..<data.count, count: data.count, gradient: gradient.baseAddress!, workspace)
    }

    @inlinable
    public func batchLossAndGradient(_ w: UnsafeBufferPointer<Double>, batch: UnsafeBufferPointer<Int>,
                                     gradient: UnsafeMutableBufferPointer<Double>, workspace: inout Scratch) -> Double {
        accumulate(w.baseAddress!, batch, count: batch.count, gradient: gradient.baseAddress!, workspace)
    }
}
