import Estimators
import Models
import Polynomials
import Sampling

// λ̂ of K(w) = w₁² w₂² near the origin (true λ = 1/2, multiplicity 2):
// SGLD on the localised posterior at nβ = n / log n, n = 10 000.
let k = try Polynomial(parsing: "x^2*y^2")
let model = try Potential(k: k, sampleCount: 10_000)
let posterior = Posterior(model: model, nbeta: Posterior<Potential>.defaultNBeta(sampleCount: 10_000),
                          localization: 1, prior: .uniform(-1, 1, dimension: 2))
var settings = ChainSettings()
settings.chains = 2
settings.draws = 2000
settings.burnIn = 200
let (estimate, _) = await LocalLearningCoefficient.estimate(
    posterior: posterior, sampler: SamplerConfiguration(kind: .sgld, stepSize: 1e-4), settings: settings)
print("K = \(k)  λ̂ = \(estimate.llcMean) ± \(estimate.llcStd)")
