import Foundation
import GSL
import Testing
@testable import Models

/// The float32 products (`MLP.Precision.single`) against the float64 kernel
/// (`batched` and `relativeError` are MLPTests.swift's).
@Suite struct MLPPrecisionTests {
    /// Every activation and head, full data (300 rows: two chunks) and a
    /// minibatch of 37 indices, at three random points: loss, gradient and
    /// the per-sample log-likelihoods agree with float64 to 2e-5 relative.
    /// Each product rounds its inputs and partial sums to float32 (unit
    /// roundoff 6e-8) over at most 256 terms; the largest error measured
    /// over these cases was 2.4e-6 (gradients, where sums cancel), so 2e-5
    /// leaves a factor 8 and still fails if any product ran on wrong data.
    @Test(arguments: MLPCase.all)
    func singleAgreesWithDouble(_ c: MLPCase) throws {
        let double = try c.model(seed: 5)
        let single = try double.withPrecision(.single)
        #expect(single.precision == .single && single.singleInputs.count == double.data.inputs.count)
        let rng = RandomStream(seed: 9)
        let batch = (0..<37).map { ($0 * 53) % 300 } + [7]
        for _ in 0..<3 {
            let w = (0..<double.dimension).map { _ in rng.gaussian() }
            for b in [nil, batch] {
                let (l64, g64) = batched(double, w, batch: b)
                let (l32, g32) = batched(single, w, batch: b)
                #expect(abs(l32 - l64) <= 2e-5 * max(abs(l64), 1), "\(c) loss \(l32) vs \(l64)")
                #expect(relativeError(g32, g64) <= 2e-5, "\(c) gradient \(relativeError(g32, g64))")
            }
            var ws64 = double.makeWorkspace(maxBatchSize: 1), ws32 = single.makeWorkspace(maxBatchSize: 1)
            var p64 = [Double](repeating: 0, count: 300), p32 = p64
            w.withUnsafeBufferPointer { wp in
                p64.withUnsafeMutableBufferPointer { double.logLikelihoods(wp, into: $0, workspace: &ws64) }
                p32.withUnsafeMutableBufferPointer { single.logLikelihoods(wp, into: $0, workspace: &ws32) }
            }
            #expect(relativeError(p32, p64) <= 2e-5, "\(c) log p \(relativeError(p32, p64))")
        }
    }

    /// Not the float64 numbers: the products did run in float32 (a kernel
    /// that ignored the setting would agree to 1e-15).
    @Test func singleIsNotDouble() throws {
        let double = try MLPCase(activation: .tanh, head: "gaussian", biases: true).model(seed: 5)
        let single = try double.withPrecision(.single)
        let w = (0..<double.dimension).map { Double($0 % 7) * 0.1 - 0.3 }
        let (_, g64) = batched(double, w, batch: nil)
        let (_, g32) = batched(single, w, batch: nil)
        #expect(relativeError(g32, g64) > 1e-12)
    }

    /// The precision survives `withData` and `withSampleCount`.
    @Test func precisionIsKept() throws {
        let single = try MLPCase(activation: .relu, head: "softmax", biases: true).model(seed: 5).withPrecision(.single)
        let prefix = try #require(try single.withSampleCount(100))
        #expect(prefix.precision == .single && prefix.singleInputs.count == 100 * 3)
    }
}
