import Sampling

extension SamplerSpec {
    /// The sampler and chain settings this section describes. Unset values
    /// take the CLI's defaults (4 chains × 2000 draws, burn-in 500, thin 10,
    /// seed 1); an unset step size is `defaultStepSize`, else the kind's default.
    public func resolved(defaultStepSize: Double? = nil) throws -> (SamplerConfiguration, ChainSettings) {
        guard let kind = SamplerKind(rawValue: kind) else {
            throw SpecError(path: "sampler.kind", "expected one of \(SamplerSpec.kinds.joined(separator: ", ")), got \(self.kind)")
        }
        var settings = ChainSettings()
        settings.chains = chains ?? settings.chains
        settings.draws = draws ?? settings.draws
        settings.burnIn = burnIn ?? settings.burnIn
        settings.thin = thin ?? 10
        settings.batchSize = batchSize
        settings.seed = seed ?? 1
        return (SamplerConfiguration(kind: kind, stepSize: stepSize ?? defaultStepSize ?? kind.defaultStepSize), settings)
    }
}
