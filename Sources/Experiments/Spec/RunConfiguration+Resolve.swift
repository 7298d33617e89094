import Foundation
import Models
import Reports
import Sampling

extension RunConfiguration {
    /// Lays `flags` over the spec's `sampler` and `llc` sections and the
    /// estimator's defaults, for `model`.
    ///
    /// - The sampler defaults to SGLD only for an LLC or calibration on
    ///   minibatched per-sample data; otherwise MALA (exact, full batch).
    /// - The step size defaults to `auto`.
    /// - Errors (`SpecError`) name the spec field (`llc.localization`) or the
    ///   setting's key (`batchSize`, spelled as a flag by the CLI): a field the
    ///   estimator cannot use is refused, not ignored.
    public static func resolve(for estimator: EstimatorKind, spec: ExperimentSpec?, flags: SamplerOverrides,
                               model: AnyModel) throws -> RunConfiguration {
        let section = spec?.sampler
        let llc = spec?.llc
        var provenance: [ResolvedSetting] = []
        func pick<T>(_ name: String, flag: T?, spec specValue: T?, default fallback: T, note: String? = nil,
                     show: (T) -> String) -> T {
            if let flag {
                provenance.append(ResolvedSetting(name: name, value: show(flag), source: .flag))
                return flag
            }
            if let specValue {
                provenance.append(ResolvedSetting(name: name, value: show(specValue), source: .spec))
                return specValue
            }
            provenance.append(ResolvedSetting(name: name, value: show(fallback), source: .default, note: note))
            return fallback
        }
        /// A setting whose default is "none" (full batch, nβ from n).
        func pickOptional<T>(_ name: String, flag: T?, spec specValue: T?, defaultText: String, note: String?,
                             show: (T) -> String) -> T? {
            if let value = flag ?? specValue {
                provenance.append(ResolvedSetting(name: name, value: show(value), source: flag != nil ? .flag : .spec))
                return value
            }
            provenance.append(ResolvedSetting(name: name, value: defaultText, source: .default, note: note))
            return nil
        }

        if estimator.samplesWholePosterior, let llc {
            if llc.localization != nil {
                throw SpecError(path: "llc.localization", "\(estimator.command) samples the whole posterior, where a localization does not apply; remove it (it is read by llc and calibrate)")
            }
            if llc.nbeta != nil {
                throw SpecError(path: "llc.nbeta", "\(estimator.command) sets its own temperatures; remove it (it is read by llc and calibrate)")
            }
        }

        // Batch before sampler: whether the data are minibatched picks the default sampler.
        let n = model.sampleCount
        let specKind = try section.map { s -> SamplerKind in
            guard let k = SamplerKind(rawValue: s.kind) else {
                throw SpecError(path: "sampler.kind", "expected one of \(SamplerSpec.kinds.joined(separator: ", ")), got \(s.kind)")
            }
            return k
        }
        let largeNetwork = model.isNetwork && model.hasPerSampleData && isLargeNetworkData(n: n, dimension: model.dimension)
        // A network on large data is minibatched by default, unless an exact sampler was asked for,
        // or no sampler was and the estimator samples the whole posterior (its default, MALA, takes the full batch).
        let requested = flags.sampler ?? specKind
        let exactRequested = requested?.isMetropolisAdjusted ?? false
        let defaultsToExact = requested == nil && estimator.samplesWholePosterior
        let networkBatch = largeNetwork && !exactRequested && !defaultsToExact ? defaultNetworkBatch : nil
        let batch = flags.batchSize ?? section?.batchSize ?? networkBatch
        let minibatched = model.hasPerSampleData && (batch.map { $0 < n } ?? false)
        let defaultKind: SamplerKind = !estimator.samplesWholePosterior && minibatched ? .sgld : .mala
        let kindNote = defaultKind == .sgld
            ? (networkBatch != nil && flags.batchSize == nil && section?.batchSize == nil ? "network on large data: minibatched" : "minibatched data")
            : estimator.samplesWholePosterior ? "whole-posterior estimator: exact sampler"
            : model.hasPerSampleData ? "full-batch data: exact sampler" : "potential: exact sampler"
        let kind = pick("sampler", flag: flags.sampler, spec: specKind, default: defaultKind, note: kindNote) { $0.rawValue }
        if kind.isMetropolisAdjusted, let batch, batch < n || !model.hasPerSampleData {
            let path = flags.batchSize != nil ? "batchSize" : "sampler.batchSize"
            throw SpecError(path: path, "\(kind.rawValue) is Metropolis-adjusted and uses the full batch; remove the batch size or choose sgld (got \(batch))")
        }
        if kind.isMetropolisAdjusted, flags.lossEstimator == .minibatch {
            throw SpecError(path: "lossEstimator", "\(kind.rawValue) uses the full batch, so there is no minibatch loss to record")
        }

        if estimator == .calibrate, section?.stepSize != nil {
            throw SpecError(path: "sampler.stepSize", "calibrate sweeps the step size (--step-sizes); remove it from the spec to calibrate")
        }
        let specStep = section?.stepSize.map(StepSizeChoice.fixed)
        let step = pick("step size", flag: flags.stepSize, spec: specStep, default: .auto,
                        note: estimator.samplesWholePosterior ? "1/nβ at the estimator's temperature"
                            : kind.isMetropolisAdjusted ? "adapted to acceptance \(kind.robustTargetAcceptance ?? 0.8) during burn-in"
                            : "largest step on the λ̂ plateau of a short pilot") {
            switch $0 {
            case .auto: return "auto"
            case let .fixed(x): return NumberFormat.significant(x)
            }
        }

        var settings = ChainSettings()
        settings.chains = pick("chains", flag: flags.chains, spec: section?.chains, default: 4) { "\($0)" }
        settings.draws = pick("draws", flag: flags.draws, spec: section?.draws, default: 2000) { "\($0)" }
        settings.burnIn = pick("burn-in", flag: flags.burnIn, spec: section?.burnIn,
                               default: estimator == .calibrate ? 300 : 500) { "\($0)" }
        settings.thin = pick("thin", flag: flags.thin, spec: section?.thin, default: 10) { "\($0)" }
        settings.seed = pick("seed", flag: flags.seed, spec: section?.seed, default: 1) { "\($0)" }
        if model.hasPerSampleData {
            let networkDefault = batch != nil && flags.batchSize == nil && section?.batchSize == nil
            settings.batchSize = pickOptional("batch", flag: flags.batchSize, spec: section?.batchSize,
                                              defaultText: networkDefault ? "\(defaultNetworkBatch)" : "full",
                                              note: networkDefault ? "network with \(largeNetworkDataRule): minibatches" : nil) { "\($0)" }
            if networkDefault { settings.batchSize = defaultNetworkBatch }
        }
        if kind == .sgld || kind == .sgnht, model.hasPerSampleData {
            settings.lossEstimator = pick("loss at draws", flag: flags.lossEstimator, spec: nil, default: .fullData) { $0.rawValue }
        }
        // The diagnostics budget (docs/estimators.md): a minibatched network
        // on large data estimates the draws' full-data loss on a fixed random
        // subset of each chain and caps the acceptance probes to a share of
        // the steps. Networks only, so that the other models' runs (and the
        // MALA-affordability of their cross-check) are as before.
        if (kind == .sgld || kind == .sgnht), minibatched, model.isNetwork, settings.lossEstimator == .fullData {
            let large = isLargeNetworkData(n: n, dimension: model.dimension)
            let fallback = large ? min(defaultEvaluationSubset, n) : 0
            let subset = pick("evaluation subset", flag: flags.evaluationSubset, spec: nil, default: fallback,
                              note: large ? "full-data loss at draws estimated on \(fallback) of n = \(n) samples per chain, as L_n(w*) + L_S(w) − L_S(w*)"
                                  : "small data (not \(largeNetworkDataRule)): all n") { $0 == 0 || $0 >= n ? "all n" : "\($0)" }
            settings.evaluationSubset = subset == 0 || subset >= n ? nil : subset
            if kind == .sgld, large, let b = settings.batchSize {
                let steps = Double(settings.burnIn + settings.draws * max(1, settings.thin))
                let affordable = Int(probeBudget * steps * Double(b) / (2 * Double(n)))
                let probes = min(settings.diagnosticProbes, max(minimumProbes, affordable))
                settings.diagnosticProbes = probes
                provenance.append(ResolvedSetting(name: "acceptance probes", value: "\(probes) per chain", source: .default,
                                                  note: "each two full-data gradients; capped at \(Int(probeBudget * 100))% of the step cost"))
            }
        }
        if case .auto = step, kind.isMetropolisAdjusted, !estimator.samplesWholePosterior {
            settings.adaptStepSize = true
            settings.targetAcceptance = kind.robustTargetAcceptance
        } else {
            settings.adaptStepSize = flags.adaptStepSize ?? false
        }

        var nbeta: Double?
        var localization = 0.0
        if !estimator.samplesWholePosterior {
            nbeta = pickOptional("nbeta", flag: flags.nbeta, spec: llc?.nbeta,
                                 defaultText: NumberFormat.significant(Posterior<Potential>.defaultNBeta(sampleCount: n), digits: 6),
                                 note: "n / log n of the data size") { NumberFormat.significant($0, digits: 6) }
            localization = pick("localization", flag: flags.localization, spec: llc?.localization, default: 1) { NumberFormat.significant($0) }
        } else if flags.localization != nil {
            throw SpecError(path: "localization", "\(estimator.command) samples the whole posterior, where a localization does not apply")
        }

        var targetMCSE: Double?
        var maxDraws = settings.draws
        if estimator == .llc {
            targetMCSE = pick("target MCSE", flag: flags.targetMCSE, spec: nil, default: defaultTargetMCSE,
                              note: "relative to |λ̂|") { String(format: "%g%%", 100 * $0) }
            // A network is not extended by default: its chains mix slowly at the step its
            // curvature allows, so 4× the draws rarely reaches the target and would
            // quadruple the run (the verdict still holds the MCSE to the target).
            let network = model.isNetwork && model.hasPerSampleData
            maxDraws = pick("max draws", flag: flags.maxDraws, spec: nil,
                            default: network ? settings.draws : defaultMaxDrawsFactor * settings.draws,
                            note: network ? "network: not extended; --max-draws extends towards the MCSE target"
                                : "per chain, for the MCSE target") { "\($0)" }
            if maxDraws < settings.draws {
                throw SpecError(path: "maxDraws", "expected at least the draws per chain (\(settings.draws)), got \(maxDraws)")
            }
            if targetMCSE == 0 { targetMCSE = nil }
        }

        var crossCheck = false
        if estimator == .llc, kind == .sgld || kind == .sgnht {
            crossCheck = pick("cross-check", flag: flags.crossCheck, spec: nil, default: true,
                              note: "full-batch MALA where affordable, else ε/√10") { $0 ? "on" : "off" }
        }

        let initial: Double
        switch step {
        case let .fixed(x): initial = x
        case .auto: initial = kind.defaultStepSize
        }
        let configuration = SamplerConfiguration(kind: kind, stepSize: initial, leapfrogSteps: flags.leapfrogSteps ?? 10,
                                                 diffusion: flags.diffusion ?? 1)
        return RunConfiguration(sampler: configuration, stepSize: step, settings: settings, nbeta: nbeta,
                                localization: localization, at: llc?.at, targetMCSE: targetMCSE, maxDraws: maxDraws,
                                crossCheck: crossCheck, provenance: provenance)
    }

    /// Records the step the run used (`auto`: how it was chosen).
    public mutating func recordStepSize(_ value: Double, how: String) {
        guard let i = provenance.firstIndex(where: { $0.name == "step size" }) else { return }
        provenance[i].value = NumberFormat.significant(value)
        if case .auto = stepSize {
            provenance[i].source = .auto
            provenance[i].note = how
        }
    }
}

extension RunConfiguration {
    /// The sampler and chain settings of a whole-posterior estimator (WBIC,
    /// WAIC, temperatures, TI) at its nβ: `auto` becomes ε = 1/nβ (MALA,
    /// SGLD) or h = 1/√nβ (HMC, SGNHT), `SamplerKind.initialStepSize(nbeta:)`,
    /// the posterior's variance in a regular direction of unit curvature;
    /// the estimators scale it to their other temperatures as a given step.
    /// Not dual averaging: on w⁴ an adapted MALA (acceptance 0.57) sticks in
    /// the quartic tails at the coldest rungs of TI (F = 2.288 ± 0.041 against
    /// the exact 2.401), while ε = 1/nβ gives 2.37–2.42 over seeds 1–10
    /// (docs/estimators.md).
    public mutating func wholePosterior(nbeta: Double, estimator: EstimatorKind) throws -> (SamplerConfiguration, ChainSettings) {
        guard case .auto = stepSize else { return (sampler, settings) }
        var s = sampler
        s.stepSize = s.kind.initialStepSize(nbeta: nbeta)
        if let i = provenance.firstIndex(where: { $0.name == "step size" }) {
            provenance[i].source = .auto
            provenance[i].value = NumberFormat.significant(s.stepSize, digits: 3)
            provenance[i].note = s.kind == .hmc || s.kind == .sgnht ? "1/√nβ at nβ = \(NumberFormat.significant(nbeta, digits: 6))"
                : "1/nβ at nβ = \(NumberFormat.significant(nbeta, digits: 6))"
        }
        return (s, settings)
    }
}
