import Foundation
import Models
import Sampling
import Testing
@testable import Experiments

/// Flags over the spec's sections over the estimator's defaults, each with its source.
@Suite struct RunConfigurationTests {
    func experiment(_ json: String) throws -> Experiment {
        try ExperimentSpec.decode(Data(json.utf8)).build()
    }

    let potential = #"{"model": {"kind": "potential", "k": "w1^2*w2^4", "n": 1000}}"#
    let regression = #"{"model": {"kind": "polynomialRegression", "q": "w1*w2"}, "data": {"kind": "synthetic", "n": 500, "seed": 1}}"#

    func source(_ c: RunConfiguration, _ name: String) -> SettingSource? {
        c.provenance.first { $0.name == name }?.source
    }

    @Test func defaultsAreMALAAndAutoExceptForMinibatchedLLC() throws {
        let p = try experiment(potential)
        let c = try RunConfiguration.resolve(for: .llc, spec: nil, flags: SamplerOverrides(), model: p.model)
        #expect(c.sampler.kind == .mala)
        #expect(c.stepSize == .auto)
        #expect(c.settings.adaptStepSize && c.settings.targetAcceptance == 0.8)
        #expect(c.targetMCSE == RunConfiguration.defaultTargetMCSE && c.maxDraws == 4 * c.settings.draws)
        #expect(source(c, "sampler") == .default)

        let data = try experiment(regression)
        var flags = SamplerOverrides()
        #expect(try RunConfiguration.resolve(for: .llc, spec: nil, flags: flags, model: data.model).sampler.kind == .mala)
        flags.batchSize = 50
        let minibatched = try RunConfiguration.resolve(for: .llc, spec: nil, flags: flags, model: data.model)
        #expect(minibatched.sampler.kind == .sgld && minibatched.settings.batchSize == 50)
        #expect(!minibatched.settings.adaptStepSize)
        // Whole-posterior estimators default to MALA even on minibatchable data, and take no MCSE target.
        flags.batchSize = nil
        for estimator in [EstimatorKind.wbic, .waic, .temperature, .thermodynamicIntegration] {
            let c = try RunConfiguration.resolve(for: estimator, spec: nil, flags: flags, model: data.model)
            #expect(c.sampler.kind == .mala && c.targetMCSE == nil && !c.settings.adaptStepSize, "\(estimator)")
        }
    }

    @Test func specSectionsAreHonouredAndFlagsOverrideThem() throws {
        let json = #"{"model": {"kind": "potential", "k": "w^2", "n": 1000}, "sampler": {"kind": "sgld", "stepSize": 1e-5, "chains": 2, "draws": 300, "seed": 7}, "llc": {"localization": 50, "nbeta": 200}}"#
        let e = try experiment(json)
        let fromSpec = try RunConfiguration.resolve(for: .llc, spec: e.spec, flags: SamplerOverrides(), model: e.model)
        #expect(fromSpec.sampler.kind == .sgld && fromSpec.stepSize == .fixed(1e-5) && fromSpec.sampler.stepSize == 1e-5)
        #expect(fromSpec.settings.chains == 2 && fromSpec.settings.draws == 300 && fromSpec.settings.seed == 7)
        #expect(fromSpec.localization == 50 && fromSpec.nbeta == 200)
        for name in ["sampler", "step size", "chains", "draws", "seed", "localization", "nbeta"] {
            #expect(source(fromSpec, name) == .spec, "\(name)")
        }
        #expect(source(fromSpec, "burn-in") == .default)

        var flags = SamplerOverrides()
        flags.sampler = .mala
        flags.chains = 3
        flags.localization = 10
        let overridden = try RunConfiguration.resolve(for: .llc, spec: e.spec, flags: flags, model: e.model)
        #expect(overridden.sampler.kind == .mala && overridden.settings.chains == 3 && overridden.localization == 10)
        #expect(source(overridden, "sampler") == .flag && source(overridden, "chains") == .flag && source(overridden, "localization") == .flag)
        #expect(source(overridden, "draws") == .spec)
    }

    @Test func fieldsAnEstimatorCannotUseAreErrors() throws {
        let localized = try experiment(#"{"model": {"kind": "potential", "k": "w^2", "n": 1000}, "llc": {"localization": 50}}"#)
        #expect { try RunConfiguration.resolve(for: .wbic, spec: localized.spec, flags: SamplerOverrides(), model: localized.model) } throws: {
            ($0 as? SpecError)?.path == "llc.localization"
        }
        let tempered = try experiment(#"{"model": {"kind": "potential", "k": "w^2", "n": 1000}, "llc": {"nbeta": 5}}"#)
        #expect { try RunConfiguration.resolve(for: .thermodynamicIntegration, spec: tempered.spec, flags: SamplerOverrides(), model: tempered.model) } throws: {
            ($0 as? SpecError)?.path == "llc.nbeta"
        }
        let data = try experiment(regression)
        var flags = SamplerOverrides()
        flags.sampler = .mala
        flags.batchSize = 50
        #expect { try RunConfiguration.resolve(for: .llc, spec: nil, flags: flags, model: data.model) } throws: {
            ($0 as? SpecError)?.path == "batchSize"
        }
        var whole = SamplerOverrides()
        whole.localization = 2
        #expect { try RunConfiguration.resolve(for: .waic, spec: nil, flags: whole, model: data.model) } throws: {
            ($0 as? SpecError)?.path == "localization"
        }
    }

    @Test func wholePosteriorAutoIsOneOverNBeta() throws {
        let p = try experiment(potential)
        var c = try RunConfiguration.resolve(for: .wbic, spec: nil, flags: SamplerOverrides(), model: p.model)
        let (sampler, settings) = try c.wholePosterior(nbeta: 500, estimator: .wbic)
        #expect(sampler.stepSize == 1.0 / 500 && !settings.adaptStepSize)
        #expect(source(c, "step size") == .auto)
        var flags = SamplerOverrides()
        flags.sampler = .hmc
        var h = try RunConfiguration.resolve(for: .wbic, spec: nil, flags: flags, model: p.model)
        #expect(try h.wholePosterior(nbeta: 400, estimator: .wbic).0.stepSize == 1.0 / 20)
    }
}
