import Foundation
import GSL
import Testing

@Suite struct SpecialFunctionsTests {
    /// log Γ(1/2) = ½ log π, log Γ(10) = log 362880, log Γ(1) = 0.
    @Test func logGamma() throws {
        #expect(abs(try SpecialFunctions.logGamma(0.5) - 0.5 * log(Double.pi)) < 1e-14)
        #expect(abs(try SpecialFunctions.logGamma(10) - log(362_880.0)) < 1e-12)
        #expect(abs(try SpecialFunctions.logGamma(1)) < 1e-15)
        #expect(throws: GSLError.self) { try SpecialFunctions.logGamma(0) }
        #expect(throws: GSLError.self) { try SpecialFunctions.logGamma(-2) }
    }

    /// γ(1/2, x) = √π erf(√x); γ(1, x) = 1 − e^(−x); Γ(1, x) = e^(−x);
    /// P + Q = 1.
    @Test func incompleteGamma() throws {
        for x in [0.1, 0.5, 1, 2.5, 10] {
            let lower = try SpecialFunctions.gammaIncLower(0.5, x)
            #expect(abs(lower - Double.pi.squareRoot() * erf(x.squareRoot())) < 1e-13)
            #expect(abs(try SpecialFunctions.gammaIncLower(1, x) - (1 - exp(-x))) < 1e-14)
            #expect(abs(try SpecialFunctions.gammaIncUpper(1, x) - exp(-x)) < 1e-14)
            let p = try SpecialFunctions.gammaIncLowerRegularized(2.5, x)
            let q = try SpecialFunctions.gammaIncUpperRegularized(2.5, x)
            #expect(abs(p + q - 1) < 1e-14)
        }
        #expect(throws: GSLError.self) { try SpecialFunctions.gammaIncLowerRegularized(-1, 1) }
    }

    /// χ²₂ upper tail is e^(−x/2); Φ⁻¹(0.975) = 1.959963984540054.
    @Test func distributionTails() throws {
        #expect(abs(try SpecialFunctions.chiSquaredQ(3, dof: 2) - exp(-1.5)) < 1e-14)
        #expect(abs(try SpecialFunctions.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(throws: GSLError.self) { try SpecialFunctions.normalQuantile(1) }
        #expect(throws: GSLError.self) { try SpecialFunctions.chiSquaredQ(1, dof: 0) }
    }

    /// log(e^1000 + e^1000) = 1000 + log 2 without overflow; tiny values do
    /// not underflow to −∞.
    @Test func logSumExpStable() {
        #expect(abs(SpecialFunctions.logSumExp([1000, 1000]) - (1000 + log(2.0))) < 1e-12)
        #expect(abs(SpecialFunctions.logSumExp([-1000, -1000, -1000]) - (-1000 + log(3.0))) < 1e-12)
        #expect(abs(SpecialFunctions.logSumExp([0, log(2.0), log(3.0)]) - log(6.0)) < 1e-14)
        #expect(SpecialFunctions.logSumExp([]) == -.infinity)
        #expect(SpecialFunctions.logSumExp([1, .infinity]) == .infinity)
        #expect(SpecialFunctions.logSumExp([1, .nan]).isNaN)
    }
}
