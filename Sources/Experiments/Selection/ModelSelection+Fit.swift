import Foundation
import Estimators
import Models
import Polynomials
import Sampling

extension ModelSelection {
    /// The maximum-likelihood fit of every candidate: ℓ̂ and what WBIC's
    /// chains start from.
    struct Fit: Sendable {
        enum Kind: Sendable {
            /// rrr and dln: the reduced-rank factors of every rank.
            case linear(ReducedRankFit)
            /// tanh: the best (a, b) of every H.
            case tanh(TanhFit)
            /// polynomial candidates: a w of each where ℓ̂ is reached.
            case polynomials([[Double]])
        }
        var logLikelihoods: [Double]
        var kind: Kind
    }

    /// One candidate's WBIC and exact F_n, where computed.
    struct Estimate: Sendable {
        var wbic: InformationCriteria.WBICResult?
        var exact: ExactFreeEnergy.Result?
    }

    /// The H-unit candidate y = Σ b_h tanh(a_h x) as a network:
    /// `MLP.tanhNetwork` with one input, one output, no biases, on `data`.
    public static func tanhModel(hidden h: Int, sigma: Double, data: Dataset) throws -> MLP {
        do {
            return try MLP.tanhNetwork(inputs: 1, outputs: 1, hidden: h, biases: false, sigma: sigma).withData(data, truth: nil)
        } catch let error as ModelError {
            throw SpecError(path: "maxHidden", "\(error)")
        }
    }

    /// `TanhFit.parameters[H]` in the layout of `tanhModel(hidden: H)`. The
    /// network stores W_1 (H×1: a_1 … a_H), then W_2 (1×H: b_1 … b_H), the
    /// fit a_1 … a_H, b_1 … b_H: the same order, so the map is the identity
    /// (ModelSelectionWBICTests checks n L_n there against ℓ̂_H).
    static func tanhParameters(_ fitted: [Double], hidden h: Int) -> [Double] {
        precondition(fitted.count == 2 * h, "the \(h)-unit fit has \(fitted.count) parameters")
        return Array(fitted[0..<h]) + Array(fitted[h..<(2 * h)])
    }

    /// A polynomial candidate's prior: its spec's uniform box where it has
    /// one, else `prior` at its number of variables.
    func candidatePrior(_ candidate: PolynomialCandidate) throws -> Prior {
        if let lower = candidate.lower, let upper = candidate.upper { return .uniform(lower: lower, upper: upper) }
        return try prior.resolve(dimension: candidate.variables.count)
    }

    /// The sampler of a tanh or polynomial candidate: with `autoStepSize`,
    /// ε = 1/(nβ κ) (MALA; 1/√(nβ κ) for HMC), κ = max(λ_max(∇²L_n(w₀)),
    /// Σx²/(nσ²)): the stiffest curvature of L_n at the start w₀ (power
    /// iteration, `StepSizePilot.curvature`, as the SGLD pilot measures it), at
    /// least that of the slope of y = c·x (the seeds' unit curvature when
    /// x ~ N(0, 1), σ = 1). So the step is the posterior's variance in its
    /// stiffest direction whatever σ and the scale of the units; the linear
    /// families keep ε = 1/nβ.
    func nonlinearSampler<M: Model>(model: M, start: [Double], nbeta: Double, data: Dataset) throws -> SamplerConfiguration {
        var sampler = self.sampler
        guard autoStepSize else { return sampler }
        var sxx = 0.0
        for x in data.inputs { sxx += x * x }
        let floor = sxx / (Double(data.count) * sigma * sigma)
        let curvature = StepSizePilot.curvature(posterior: Posterior(model: model, nbeta: nbeta, center: start), seed: settings.seed).loss
        let kappa = max(curvature.isFinite ? curvature : 0, floor)
        sampler.stepSize = sampler.kind.initialStepSize(nbeta: nbeta * kappa)
        return sampler
    }
}

extension PolynomialCandidate {
    /// y = Q(w)·x + ε over the spec's variables, noise σ, on `data`.
    public func model(data: Dataset, sigma: Double) throws -> PolynomialRegression {
        do {
            return try PolynomialRegression(q: try Polynomial(parsing: q), variables: variables, sigma: sigma, data: data)
        } catch let error as ModelError {
            throw SpecError(path: path, "\(error)")
        }
    }
}
