extension ExperimentSpec {
    /// The same experiment with n samples: a potential's `model.n`, or the
    /// size of its synthetic data (the same seed, so a smaller n is not a
    /// prefix of a larger one; use `FreeEnergyFitRun.firstSamples` for that).
    /// CSV data have the size they have: asking for another n throws.
    public func withSampleCount(_ n: Int, path: String = "n") throws -> ExperimentSpec {
        var spec = self
        switch (model, data) {
        case let (.potential(k, variables, _), _):
            spec.model = .potential(k: k, variables: variables, n: n)
        case let (_, .synthetic(_, seed, inputs, noise)?):
            spec.data = .synthetic(n: n, seed: seed, inputs: inputs, noise: noise)
        case (_, .csv?), (_, .tensors?):
            throw SpecError(path: path, "a model on data from a file has the data's n; use synthetic data to set n")
        case (_, nil):
            throw SpecError(path: "data", "missing")
        }
        return spec
    }
}
