import Foundation
import GSL
import Polynomials
import Testing
@testable import Models

/// Timing of one batch-100 loss + gradient (not a correctness test): runs
/// only with RLCT_BENCH=1, in a release build:
/// `RLCT_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter ModelBenchmarks`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["RLCT_BENCH"] == "1"))
struct ModelBenchmarks {
    static func nanosecondsPerCall<M: Model>(_ model: M, calls: Int) -> Double {
        let rng = RandomStream(seed: 1)
        let w = (0..<model.dimension).map { _ in 0.3 * rng.gaussian() }
        let schedule = try! MinibatchSchedule(count: model.sampleCount, batchSize: 100)
        var batch = [Int](repeating: 0, count: 100), g = [Double](repeating: 0, count: model.dimension)
        var ws = model.makeWorkspace(maxBatchSize: 100)
        var sink = 0.0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            w.withUnsafeBufferPointer { wp in
                batch.withUnsafeMutableBufferPointer { bp in
                    g.withUnsafeMutableBufferPointer { gp in
                        for _ in 0..<calls {
                            let k = schedule.next(into: bp, rng: rng)
                            sink += model.batchLossAndGradient(wp, batch: UnsafeBufferPointer(rebasing: bp[0..<k]),
                                                               gradient: gp, workspace: &ws)
                        }
                    }
                }
            }
        }
        #expect(sink.isFinite)
        let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        return ns / Double(calls)
    }

    @Test func batch100() throws {
        let seed = try PolynomialRegression(q: Polynomial(parsing: "(w+1.6)*(w-1.6)^2"))
            .withSyntheticData(trueCoefficient: 0, count: 10_000, seed: 1)
        let dln = try DeepLinearNetwork(widths: [10, 20, 20, 20, 10])
        let dlnData = try dln.withSyntheticData(truth: dln.truth(rank: 3), count: 10_000, seed: 1)
        let tanh = try MLP.tanhNetwork(inputs: 1, outputs: 1, hidden: 6)
        let tanhData = try tanh.withSyntheticData(truth: tanh.truth(activeUnits: 0), count: 10_000, seed: 1)
        let relu = try MLP.reluNetwork(widths: [10, 20, 20, 20, 10])
        let reluData = try relu.withSyntheticData(truth: [Double](repeating: 0, count: relu.dimension), count: 10_000, seed: 1)
        print("BENCH polynomialRegression d=1: \(Self.nanosecondsPerCall(seed, calls: 200_000)) ns per batch-100 loss+gradient")
        print("BENCH deepLinearNetwork d=\(dln.dimension): \(Self.nanosecondsPerCall(dlnData, calls: 20_000)) ns")
        print("BENCH tanhNetwork d=\(tanh.dimension): \(Self.nanosecondsPerCall(tanhData, calls: 50_000)) ns")
        print("BENCH reluNetwork d=\(relu.dimension): \(Self.nanosecondsPerCall(reluData, calls: 5_000)) ns")
        var ws = dlnData.makeWorkspace(maxBatchSize: 1)
        var g = [Double](repeating: 0, count: dln.dimension)
        let w = [Double](repeating: 0.1, count: dln.dimension)
        let clock = ContinuousClock()
        let t = clock.measure {
            for _ in 0..<20_000 {
                _ = w.withUnsafeBufferPointer { wp in g.withUnsafeMutableBufferPointer { dlnData.lossAndGradient(wp, gradient: $0, workspace: &ws) } }
            }
        }
        print("BENCH deepLinearNetwork full-batch (n=10000) loss+gradient: \(Double(t.components.attoseconds) / 1e9 / 20_000 + Double(t.components.seconds) * 1e9 / 20_000) ns")
    }
}
