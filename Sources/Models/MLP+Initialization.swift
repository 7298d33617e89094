import GSL

extension MLP {
    /// PyTorch's default initialisation of `nn.Linear` (`reset_parameters`:
    /// `kaiming_uniform_(a = √5)` for the weight, whose bound works out to
    /// 1/√fan_in, and U(−1/√fan_in, 1/√fan_in) for the bias): every parameter
    /// of layer l is uniform on ±1/√H_{l−1}, drawn from `rng` in parameter
    /// order (W_1 row-major, b_1, W_2, …). Same stream, same weights; the
    /// numbers are not PyTorch's own (a different generator).
    public func pytorchInitialization(rng: RandomStream) -> [Double] {
        var w = [Double](repeating: 0, count: dimension)
        for l in 0..<depth {
            let bound = 1 / Double(widths[l]).squareRoot()
            let end = l + 1 < depth ? weightOffsets[l + 1] : dimension
            for i in weightOffsets[l]..<end { w[i] = rng.uniform(in: -bound...bound) }
        }
        return w
    }
}
