import GSL

extension Dataset {
    /// n samples y_i = f(w0, x_i) + ε_i drawn from a model at its truth w0:
    /// x_i has i.i.d. coordinates from `inputs`, ε_i ~ N(0, noise² I_N).
    ///
    /// Draw order (fixed, so the same seed gives the same data): for each
    /// sample in turn, its M input coordinates, then its N noise values, all
    /// from stream 0 of `seed`.
    public static func synthetic<M: RegressionModel>(
        model: M, truth: [Double], count n: Int, inputs law: InputDistribution,
        noise: Double, seed: UInt64
    ) throws -> Dataset {
        guard truth.count == model.dimension else {
            throw DatasetError.shape("the truth has \(truth.count) parameters, the model \(model.dimension)")
        }
        var workspace = model.makeWorkspace(maxBatchSize: 1)
        return try truth.withUnsafeBufferPointer { w in
            try synthetic(inputDimension: model.inputDimension, outputDimension: model.outputDimension,
                          count: n, inputs: law, noise: noise, seed: seed) { x, y in
                model.predict(w, input: x, output: y, workspace: &workspace)
            }
        }
    }

    /// n samples y_i = f(x_i) + ε_i for a given function f (writing f(x),
    /// length N, into its second argument); same draw order as above.
    public static func synthetic(
        inputDimension m: Int, outputDimension k: Int, count n: Int, inputs law: InputDistribution,
        noise: Double, seed: UInt64,
        function f: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    ) throws -> Dataset {
        guard n > 0 else { throw DatasetError.shape("the number of samples must be positive, got \(n)") }
        guard m > 0, k > 0 else { throw DatasetError.shape("input and output sizes must be positive, got \(m) and \(k)") }
        guard noise >= 0, noise.isFinite else {
            throw DatasetError.shape("the noise standard deviation must be finite and ≥ 0, got \(noise)")
        }
        let rng = RandomStream(seed: seed)
        var x = [Double](repeating: 0, count: n * m)
        var y = [Double](repeating: 0, count: n * k)
        x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                for i in 0..<n {
                    for j in 0..<m { xs[i * m + j] = law.draw(rng) }
                    let xi = UnsafeBufferPointer(rebasing: xs[(i * m)..<((i + 1) * m)])
                    let yi = UnsafeMutableBufferPointer(rebasing: ys[(i * k)..<((i + 1) * k)])
                    f(xi, yi)
                    for r in 0..<k { yi[r] += noise * rng.gaussian() }
                }
            }
        }
        return Dataset(unchecked: x, y, n, m, k, law, "synthetic n=\(n) seed=\(seed)")
    }
}
