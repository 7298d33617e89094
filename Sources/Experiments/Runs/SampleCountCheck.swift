import Models

/// Refuses n < 3, where the default nβ = n/log n (and WBIC's β = 1/log n) is
/// not defined. The sampling runs other than LLC kept this check, and its
/// message, from when they resolved w* through an `LLCRequest`.
func checkSampleCount<M: Model>(_ model: M) throws {
    guard model.sampleCount >= 3 else {
        throw SpecError(path: "nbeta", "the default nβ = n/log n needs n ≥ 3, got n = \(model.sampleCount); give nβ or more data")
    }
}
