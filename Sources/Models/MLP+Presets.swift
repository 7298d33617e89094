extension MLP {
    /// The one-hidden-layer tanh network f(x) = Σ_j b_j tanh(a_j · x + c_j) + d
    /// (H hidden units, M inputs, N outputs; c, d only with `biases`), noise
    /// N(0, σ² I), parameters named `a`, `c`, `b`, `d` in the layout A (H×M),
    /// c, B (N×H), d — which is the MLP's layer order. The `tanhNetwork` spec kind.
    public static func tanhNetwork(inputs m: Int, outputs n: Int, hidden h: Int, biases: Bool = false,
                                   sigma: Double = 1) throws -> MLP {
        for (name, v) in [("inputs", m), ("outputs", n), ("hidden", h)] where v <= 0 {
            throw ModelError("\(name) must be a positive integer, got \(v)")
        }
        return try MLP(widths: [m, h, n], activations: [.tanh], biases: biases, head: .gaussian(GaussianNoise(sigma: sigma)),
                       naming: .tanhNetwork)
    }

    /// A ReLU MLP with a linear output and noise N(0, σ² I), parameters
    /// `W1[i,j]`, `b1[i]`, …. The `reluNetwork` spec kind.
    public static func reluNetwork(widths: [Int], biases: Bool = true, sigma: Double = 1) throws -> MLP {
        guard widths.count >= 2 else { throw ModelError("a ReLU network needs at least two widths (input and output), got \(widths.count)") }
        return try MLP(widths: widths, activations: Array(repeating: .relu, count: widths.count - 2), biases: biases,
                       head: .gaussian(GaussianNoise(sigma: sigma)))
    }

    /// A one-hidden-layer truth with H0 active units: unit j < H0 has
    /// a_j = (1 + ⌊j/M⌋) e_{j mod M} and b_j = (1, …, 1); the other units and
    /// all biases are 0. H0 = 0 is the zero function.
    public func truth(activeUnits h0: Int) throws -> [Double] {
        guard depth == 2 else { throw ModelError("activeUnits needs one hidden layer, the network has \(depth - 1)") }
        let m = inputDimension, h = widths[1]
        guard h0 >= 0, h0 <= h else {
            throw ModelError("activeUnits must be between 0 and hidden = \(h), got \(h0)")
        }
        var w = [Double](repeating: 0, count: dimension)
        for j in 0..<h0 {
            w[weightOffsets[0] + j * m + j % m] = Double(1 + j / m)
            for r in 0..<outputDimension { w[weightOffsets[1] + r * h + j] = 1 }
        }
        return w
    }

    /// The truth given by a smaller network of the same depth (widths h_l ≤
    /// H_l, same input and output sizes) with parameters `parameters` in its
    /// own layout: its weights fill the top-left blocks, everything else is
    /// 0, so both networks compute the same function.
    public func embedding(widths small: [Int], parameters: [Double]) throws -> [Double] {
        guard small.count == widths.count else {
            throw ModelError("the truth network has \(small.count) widths, the model \(widths.count)")
        }
        guard small.first == widths.first, small.last == widths.last else {
            throw ModelError("the truth network must have the model's input and output sizes \(widths.first!) and \(widths.last!)")
        }
        for (l, h) in small.enumerated() where h <= 0 || h > widths[l] {
            throw ModelError("truth widths[\(l)] must be between 1 and the model's \(widths[l]), got \(h)")
        }
        let smallNet = try MLP(widths: small, activations: activations, biases: biases, head: head)
        guard parameters.count == smallNet.dimension else {
            throw ModelError("the truth network has \(smallNet.dimension) parameters, got \(parameters.count)")
        }
        var w = [Double](repeating: 0, count: dimension)
        for l in 0..<depth {
            for i in 0..<small[l + 1] {
                for j in 0..<small[l] {
                    w[weightOffsets[l] + i * widths[l] + j] = parameters[smallNet.weightOffsets[l] + i * small[l] + j]
                }
                if biases { w[biasOffsets[l] + i] = parameters[smallNet.biasOffsets[l] + i] }
            }
        }
        return w
    }
}
