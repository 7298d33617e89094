import Foundation
import Sampling
import Testing
@testable import Estimators

/// The verdict rules on constructed evidence, at each threshold's boundary.
@Suite struct VerdictTests {
    /// Four healthy MALA chains whose every diagnostic passes.
    static let healthy = Verdict.SamplingEvidence(
        sampler: .mala, chains: 4, draws: 1000, divergences: 0, rHat: 1.0, essBulk: 4000, essTail: 4000,
        mcse: 0.001, targetMCSE: 0.005, acceptance: 0.6, sgldProbe: nil)

    func verdict(_ change: (inout Verdict.SamplingEvidence) -> Void) -> Verdict {
        var e = Self.healthy
        change(&e)
        return Verdict(sampling: e)
    }

    func level(of code: Verdict.Code, in v: Verdict) -> Verdict.Level? {
        v.reasons.first { $0.code == code }?.level
    }

    @Test func healthyChainsAreOK() {
        let v = Verdict(sampling: Self.healthy)
        #expect(v.level == .ok && v.reasons.isEmpty)
        #expect(v.description == "ok")
    }

    @Test func rHatBoundaries() {
        #expect(verdict { $0.rHat = 1.01 }.level == .ok)
        #expect(level(of: .rHat, in: verdict { $0.rHat = 1.0101 }) == .check)
        #expect(level(of: .rHat, in: verdict { $0.rHat = 1.05 }) == .check)
        #expect(level(of: .rHat, in: verdict { $0.rHat = 1.0501 }) == .unreliable)
        #expect(level(of: .rHat, in: verdict { $0.rHat = .nan }) == .unreliable)
        let v = verdict { $0.rHat = 1.2 }
        #expect(v.level == .unreliable)
        #expect(v.reasons[0].value == 1.2 && v.reasons[0].threshold == 1.05)
    }

    /// ESS is per chain: 4 chains × 100 = 400 passes, 399 does not.
    @Test(arguments: [Verdict.Code.essBulk, .essTail])
    func essBoundaries(code: Verdict.Code) {
        func set(_ e: inout Verdict.SamplingEvidence, _ ess: Double) {
            if code == .essBulk { e.essBulk = ess } else { e.essTail = ess }
        }
        #expect(verdict { set(&$0, 400) }.level == .ok)
        #expect(level(of: code, in: verdict { set(&$0, 399.6) }) == .check)
        #expect(level(of: code, in: verdict { set(&$0, 200) }) == .check)
        #expect(level(of: code, in: verdict { set(&$0, 199.6) }) == .unreliable)
        #expect(verdict { set(&$0, 100) }.reasons.first { $0.code == code }?.value == 25)
    }

    @Test func divergenceAndNoDrawsAreUnreliable() {
        let one = verdict { $0.divergences = 1; $0.chains = 3 }
        #expect(one.level == .unreliable && one.contains(.divergence))
        #expect(one.reasons[0].message.contains("reduce the step size"))
        let none = verdict { $0.divergences = 4; $0.chains = 0; $0.draws = 0 }
        #expect(none.level == .unreliable && none.contains(.divergence) && none.contains(.noDraws))
        #expect(verdict { $0.draws = 0 }.contains(.noDraws))
    }

    @Test func mcseAgainstTheTarget() {
        #expect(verdict { $0.mcse = 0.005 }.level == .ok)
        let v = verdict { $0.mcse = 0.01 }
        #expect(level(of: .mcse, in: v) == .check)
        // (0.01 / 0.005)² = 4 times the draws.
        #expect(v.reasons[0].message.contains("4.0×"), "\(v.reasons[0].message)")
        #expect(verdict { $0.mcse = 1; $0.targetMCSE = nil }.level == .ok)
    }

    /// MALA's band is 0.4–0.9, HMC's 0.5–0.95; below: reduce the step size, above: increase it.
    @Test func acceptanceBandsAdviseTheRightDirection() {
        #expect(verdict { $0.acceptance = 0.4 }.level == .ok)
        #expect(verdict { $0.acceptance = 0.9 }.level == .ok)
        let low = verdict { $0.acceptance = 0.399 }
        #expect(level(of: .acceptanceLow, in: low) == .check)
        #expect(low.reasons[0].message.contains("reduce the step size") && !low.reasons[0].message.contains("increase"))
        // High acceptance alone (the chains mixed: R̂, ESS and MCSE pass) is an ok note; with an
        // imprecise run it is a check that says to increase the step size.
        let high = verdict { $0.acceptance = 0.995 }
        #expect(high.level == .ok && level(of: .acceptanceHigh, in: high) == .ok)
        #expect(high.reasons[0].message.contains("inefficient") && high.reasons[0].message.contains("larger step"))
        #expect(!high.reasons[0].message.contains("reduce"))
        let highAndSlow = verdict { $0.acceptance = 0.995; $0.rHat = 1.02 }
        #expect(highAndSlow.level == .check && level(of: .acceptanceHigh, in: highAndSlow) == .check)
        #expect(highAndSlow.reasons.first { $0.code == .acceptanceHigh }?.message.contains("increase the step size") == true)
        #expect(verdict { $0.sampler = .hmc; $0.acceptance = 0.95 }.level == .ok)
        #expect(verdict { $0.sampler = .hmc; $0.acceptance = 0.951 }.contains(.acceptanceHigh))
        #expect(verdict { $0.sampler = .hmc; $0.acceptance = 0.499 }.contains(.acceptanceLow))
        // A high acceptance turns "run longer" into "increase the step size" for slow mixing too.
        let slow = verdict { $0.acceptance = 0.99; $0.rHat = 1.02 }
        #expect(slow.reasons.first { $0.code == .rHat }?.message.contains("increase the step size") == true)
    }

    @Test func sgldProbeBoundary() {
        #expect(verdict { $0.sampler = .sgld; $0.acceptance = nil; $0.sgldProbe = 0.9 }.level == .ok)
        let v = verdict { $0.sampler = .sgld; $0.acceptance = nil; $0.sgldProbe = 0.899 }
        #expect(level(of: .sgldProbe, in: v) == .check)
        #expect(v.reasons[0].message.contains("reduce it"))
    }

    /// `add` raises the level to the worst reason's and never lowers it.
    @Test func addingReasonsRaisesTheLevel() {
        var v = Verdict()
        v.add(.multiplicityBias, .check, "m = 2: λ̂ ≈ λ − 1/log nβ at this n")
        #expect(v.level == .check)
        v.add(.centerNotMinimum, .unreliable, "w* is not a minimum")
        #expect(v.level == .unreliable)
        v.add(Verdict.Reason(.priorBoundary, .check, "the truth is on the prior's boundary"))
        #expect(v.level == .unreliable && v.reasons.count == 3)
        #expect(v.description == "unreliable: multiplicity_bias, center_not_minimum, prior_boundary")
        var combined = Verdict()
        combined.add(contentsOf: v, context: "β0 = 1")
        #expect(combined.level == .unreliable && combined.reasons[1].message == "β0 = 1: w* is not a minimum")
        #expect(Verdict().adding(.init("cross_check", .check, "disagrees with MALA")).level == .check)
    }

    @Test func jsonUsesTheCodesAndLevelsAsStrings() throws {
        let v = verdict { $0.rHat = 1.02 }
        let data = try JSONEncoder().encode(v)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["level"] as? String == "check")
        let reasons = try #require(object["reasons"] as? [[String: Any]])
        #expect(reasons.first?["code"] as? String == "r_hat" && reasons.first?["level"] as? String == "check")
        #expect(try JSONDecoder().decode(Verdict.self, from: data) == v)
    }

    @Test func thresholdsFollowStanAndArviZ() {
        #expect(DiagnosticThresholds.rHat == 1.01 && DiagnosticThresholds.essPerChain == 100)
        #expect(DiagnosticThresholds.rHatUnreliable == 1.05 && DiagnosticThresholds.essPerChainUnreliable == 50)
        #expect(DiagnosticThresholds.acceptanceBand(for: .mala) == 0.4...0.9)
        #expect(DiagnosticThresholds.acceptanceBand(for: .hmc) == 0.5...0.95)
        #expect(DiagnosticThresholds.targetMCSE(for: -0.5) == 0.01)
    }
}
