import Foundation
import GSL
import Testing
@testable import Models

@Suite struct DatasetTests {
    @Test func sameSeedSameData() throws {
        let m = try LinearRegression(inputs: 2, outputs: 1)
        let t = [1.0, -2, 0.5]
        let a = try Dataset.synthetic(model: m, truth: t, count: 50, inputs: .standardNormal, noise: 1, seed: 9)
        let b = try Dataset.synthetic(model: m, truth: t, count: 50, inputs: .standardNormal, noise: 1, seed: 9)
        let c = try Dataset.synthetic(model: m, truth: t, count: 50, inputs: .standardNormal, noise: 1, seed: 10)
        #expect(a == b)
        #expect(a.inputs != c.inputs)
        // Noise-free outputs are exactly f(w0, x).
        let clean = try Dataset.synthetic(model: m, truth: t, count: 5, inputs: .uniform(lower: 0, upper: 1), noise: 0, seed: 9)
        for i in 0..<5 {
            let y = 1.0 * clean.inputs[2 * i] - 2 * clean.inputs[2 * i + 1] + 0.5
            #expect(abs(clean.outputs[i] - y) < 1e-15)
            #expect(clean.inputs[2 * i] >= 0 && clean.inputs[2 * i] < 1)
        }
    }

    @Test func inputMoments() {
        #expect(InputDistribution.uniform(lower: -1, upper: 1).secondMoment == 1.0 / 3)
        #expect(abs(InputDistribution.uniform(lower: 1, upper: 3).secondMoment - 13.0 / 3) < 1e-15)  // Var 1/3 + mean² 4
        #expect(InputDistribution.normal(mean: 1, sd: 2).secondMoment == 5)
    }

    static let path = "data.csv"

    @Test func csvReadsNamedColumns() throws {
        let text = "x1, x2 ,\"y\"\n1,2,3\n\n4.5,-5e-1,6\r\n"
        let d = try Dataset.csv(text: text, path: Self.path, inputColumns: ["x2", "x1"], outputColumns: ["y"])
        #expect(d.count == 2)
        #expect(d.inputs == [2, 1, -0.5, 4.5])
        #expect(d.outputs == [3, 6])
        #expect(d.inputDistribution == nil)
    }

    /// Every malformed input names file:line:column (or file:line for a row).
    @Test(arguments: [
        ("x,y\n1,2\n3,abc\n", "data.csv:3:2: column \"y\": expected a number, got \"abc\""),
        ("x,y\n1,nan\n", "data.csv:2:2: column \"y\": expected a finite number, got \"nan\""),
        ("x,y\n1,2\ninf,2\n", "data.csv:3:1: column \"x\": expected a finite number, got \"inf\""),
        ("x,y\n1,2\n3\n", "data.csv:3: expected 2 fields as in the header, got 1"),
        ("x,y\n1,2,3\n", "data.csv:2: expected 2 fields as in the header, got 3"),
        ("x,z\n1,2\n", "data.csv:1: no column named \"y\" in the header (columns: x, z)"),
        ("x,,y\n1,2,3\n", "data.csv:1:2: empty column name in the header"),
        ("x,y,x\n1,2,3\n", "data.csv:1:3: column name \"x\" repeats column 1"),
        ("x,y\n", "data.csv: the header is followed by no data rows"),
        ("\n\n", "data.csv: the file is empty; expected a header line"),
        ("x,y\n1,\n", "data.csv:2:2: column \"y\": expected a number, got \"\""),
    ])
    func csvErrorsArePositioned(_ text: String, _ message: String) {
        #expect {
            _ = try Dataset.csv(text: text, path: Self.path, inputColumns: ["x"], outputColumns: ["y"])
        } throws: { error in
            "\(error)" == message
        }
    }

    @Test func csvFromFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rlct-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("d.csv")
        try "a,b\n1,2\n".write(to: file, atomically: true, encoding: .utf8)
        let d = try Dataset.csv(path: file.path, inputColumns: ["a"], outputColumns: ["b"])
        #expect(d.outputs == [2])
        #expect(throws: DatasetError.self) {
            try Dataset.csv(path: dir.appendingPathComponent("missing.csv").path, inputColumns: ["a"], outputColumns: ["b"])
        }
    }

    @Test func modelRejectsWrongShape() throws {
        let d = try Dataset(inputs: [1, 2], outputs: [3], inputDimension: 2, outputDimension: 1)
        #expect(throws: DatasetError.self) { try LinearRegression(inputs: 3, outputs: 1, data: d) }
        #expect(throws: DatasetError.self) { try Dataset(inputs: [1, 2, 3], outputs: [1], inputDimension: 2, outputDimension: 1) }
    }
}

@Suite struct MinibatchScheduleTests {
    /// Every batch has B indices; within an epoch no index repeats; an epoch
    /// holds ⌊n/B⌋ batches (the n mod B leftovers wait), and every index is
    /// drawn over enough epochs.
    @Test func epochsDrawWithoutReplacement() throws {
        let s = try MinibatchSchedule(count: 10, batchSize: 4)
        let rng = RandomStream(seed: 2)
        var buffer = [Int](repeating: -1, count: 4)
        var epochs: [[Int]] = []
        var seen = Set<Int>()
        for _ in 0..<20 {
            var epoch: [Int] = []
            for _ in 0..<2 {
                let k = buffer.withUnsafeMutableBufferPointer { s.next(into: $0, rng: rng) }
                #expect(k == 4)
                epoch += buffer
            }
            #expect(Set(epoch).count == 8)
            seen.formUnion(epoch)
            epochs.append(epoch)
        }
        #expect(s.epochsStarted == 20)
        #expect(seen == Set(0..<10))
        #expect(Set(epochs).count > 1)
    }

    @Test func sameSeedSameBatches() throws {
        func draw(_ seed: UInt64) throws -> [Int] {
            let s = try MinibatchSchedule(count: 7, batchSize: 3)
            let rng = RandomStream(seed: seed)
            var b = [Int](repeating: 0, count: 3), out: [Int] = []
            for _ in 0..<9 { let k = b.withUnsafeMutableBufferPointer { s.next(into: $0, rng: rng) }; out += b[0..<k] }
            return out
        }
        #expect(try draw(1) == draw(1))
        #expect(try draw(1) != draw(2))
    }

    @Test func invalidBatchSize() {
        #expect { try MinibatchSchedule(count: 5, batchSize: 6) } throws: {
            "\($0)" == "the batch size must be between 1 and n = 5, got 6"
        }
        #expect(throws: ScheduleError.self) { try MinibatchSchedule(count: 0, batchSize: 1) }
    }
}

@Suite struct PriorTests {
    @Test func gradientsMatchFiniteDifferences() throws {
        let rng = RandomStream(seed: 4)
        for prior in [Prior.normal(sigma: 0.7), .uniform(-2, 3, dimension: 3), .flat] {
            let w = (0..<3).map { _ in rng.uniform(in: -1...1) }
            var g = [Double](repeating: .nan, count: 3)
            try w.withUnsafeBufferPointer { wp in try g.withUnsafeMutableBufferPointer { try prior.gradient(wp, into: $0) } }
            let h = 1e-5
            for j in 0..<3 {
                var p = w, m = w
                p[j] += h
                m[j] -= h
                let fd = (try prior.logDensity(p) - prior.logDensity(m)) / (2 * h)
                #expect(abs(fd - g[j]) < 1e-8 * max(1, abs(fd)), "\(prior) coordinate \(j)")
            }
        }
    }

    @Test func normalisedDensities() throws {
        // N(0, s²) in one dimension at 0: −½ log(2π s²).
        #expect(abs(try Prior.normal(sigma: 2).logDensity([0]) + 0.5 * log(2 * Double.pi * 4)) < 1e-15)
        // Uniform on [−1, 1]²: density 1/4.
        #expect(abs(try Prior.standard(dimension: 2).logDensity([0.3, -1]) - log(0.25)) < 1e-15)
        #expect(try Prior.flat.logDensity([1e9]) == 0)
    }

    /// A point outside the box is reported with its coordinate, not clamped.
    @Test func outsideSupportIsAnError() {
        let prior = Prior.standard(dimension: 3)
        #expect { try prior.logDensity([0, 0.5, 1.25]) } throws: {
            "\($0)" == "parameter 2 = 1.25 is outside the uniform prior's support [-1.0, 1.0]"
        }
        var g = [0.0, 0, 0]
        #expect(throws: PriorError.outsideSupport(coordinate: 0, value: -3, lower: -1, upper: 1)) {
            try [-3.0, 0, 0].withUnsafeBufferPointer { wp in try g.withUnsafeMutableBufferPointer { try prior.gradient(wp, into: $0) } }
        }
        #expect([0.0, 1, -1].withUnsafeBufferPointer { prior.contains($0) })
        #expect(![0.0, 1.0001, -1].withUnsafeBufferPointer { prior.contains($0) })
        #expect(throws: PriorError.self) { try Prior.uniform(lower: [0], upper: [0]).validate(dimension: 1) }
        #expect(throws: PriorError.self) { try Prior.normal(sigma: -1).validate(dimension: 1) }
    }
}
