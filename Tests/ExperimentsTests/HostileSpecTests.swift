import Foundation
import JSON
import Sampling
import Testing
@testable import Experiments

/// Hostile specs: every one is refused with a SpecError naming the field (or
/// file:line:column), never a trap, an allocation failure or a silent choice.
@Suite struct HostileSpecTests {
    /// A budget no reproduction below fits in, the same on every machine.
    static let budget = MemoryBudget(bytes: 8 << 30, source: "a test's 8 GB")

    func decodeError(_ text: String) -> SpecError? {
        do {
            _ = try ExperimentSpec.decode(Data(text.utf8), source: "spec.json")
            return nil
        } catch let e as SpecError {
            return e
        } catch {
            Issue.record("not a SpecError: \(error)")
            return nil
        }
    }

    func buildError(_ text: String) throws -> SpecError? {
        let spec = try ExperimentSpec.decode(Data(text.utf8), source: "spec.json")
        do {
            _ = try spec.build(budget: Self.budget)
            return nil
        } catch let e as SpecError {
            return e
        }
    }

    @Test func syntaxErrorsNameLineAndColumn() throws {
        let e = try #require(decodeError("{\"model\": {\"kind\": \"potential\",\n  \"k\": \"w\" \"n\": 5}}"))
        #expect(e.path == "spec.json:2:12")
        #expect(e.message.contains("expected ',' or '}'"), "\(e)")
        let eof = try #require(decodeError("{\"model\": "))
        #expect(eof.path == "spec.json:1:11" && eof.message.contains("end of the file"), "\(eof)")
        let trailing = try #require(decodeError("{\"a\": [1, 2,]}"))
        #expect(trailing.path == "spec.json:1:13", "\(trailing)")
        let deep = try #require(decodeError(String(repeating: "[", count: 100_000)))
        #expect(deep.message.contains("nested more than"), "\(deep)")
    }

    @Test func duplicateKeyIsAnErrorNamingKeyAndLine() throws {
        let e = try #require(decodeError("{\"model\": {\"kind\": \"potential\", \"k\": \"w\",\n \"n\": 5,\n \"n\": 6}}"))
        #expect(e.path == "spec.json:3:2")
        #expect(e.message.hasPrefix("model.n: duplicate key \"n\" (first given at line 2, column 2)"), "\(e)")
    }

    @Test func hugeNumberIsOutOfRangeNamingTheField() throws {
        let e = try #require(decodeError("{\"model\": {\"kind\": \"potential\", \"k\": \"w\", \"n\": 1e400}}"))
        #expect(e.path == "spec.json:1:48")
        #expect(e.message.hasPrefix("model.n: number out of range (1e400)"), "\(e)")
        // An integer beyond Int64 becomes a Double and is then rejected as not an integer-sized count.
        let big = try #require(decodeError("{\"model\": {\"kind\": \"potential\", \"k\": \"w\", \"n\": 99999999999999999999999}}"))
        #expect(big.path == "model.n", "\(big)")
    }

    @Test func parserKeepsValuesExact() throws {
        let v = try JSONValue.parse(Data(#"{"a": [1, -0, 2.5e-3, true, null, "x\u00e9\n"], "b": 9223372036854775807}"#.utf8), source: "t")
        #expect(v == .object(["a": .array([.integer(1), .integer(0), .number(0.0025), .bool(true), .null, .string("xé\n")]),
                              "b": .integer(Int64.max)]))
    }

    /// model.inputs: 100000 asks for 80 GB of sufficient statistics; 2^62 overflows every product.
    @Test(arguments: [
        (#"{"model": {"kind": "linearRegression", "inputs": 100000, "outputs": 1}, "data": {"kind": "synthetic", "n": 10}}"#, "model.inputs", "80 GB"),
        (#"{"model": {"kind": "linearRegression", "inputs": 4611686018427387904, "outputs": 2}, "data": {"kind": "synthetic", "n": 10}}"#, "model.inputs", "overflows"),
        (#"{"model": {"kind": "deepLinearNetwork", "widths": [2, 4611686018427387904, 1]}, "data": {"kind": "synthetic", "n": 10}}"#, "model.widths[1]", "overflows"),
        (#"{"model": {"kind": "reluNetwork", "widths": [1, 3037000500, 3037000500, 1]}, "data": {"kind": "synthetic", "n": 10}}"#, "model.widths[1]", "memory"),
        (#"{"model": {"kind": "linearRegression", "inputs": 2, "outputs": 1}, "data": {"kind": "synthetic", "n": 1e12}}"#, "data.n", "24 TB"),
        (#"{"model": {"kind": "potential", "k": "w", "n": 9223372036854775807}, "sampler": {"kind": "sgld"}}"#, "model.n", "overflows"),
        (#"{"model": {"kind": "potential", "k": "w", "n": 100}, "sampler": {"kind": "sgld", "chains": 1e9}}"#, "sampler.chains", "64 TB"),
        (#"{"model": {"kind": "potential", "k": "w", "n": 100}, "sampler": {"kind": "sgld", "draws": 922337203685477580}}"#, "sampler.draws", "overflow a 64-bit count"),
        (#"{"model": {"kind": "potential", "k": "w", "n": 100}, "expected": {"lambda": 0.5, "tolerance": 0.1}, "checks": [{"method": "llc", "sampler": {"kind": "sgld"}, "quick": {"chains": 1000000000}}]}"#, "checks[0].quick.chains", "memory"),
    ])
    func oversizedSpecsAreRefusedBeforeAllocation(_ text: String, _ field: String, _ says: String) throws {
        let e = try #require(try buildError(text))
        #expect(e.path == field, "\(e)")
        #expect(e.message.contains(says), "\(e)")
        if says != "overflow a 64-bit count" { #expect(e.message.contains("a test's 8 GB"), "\(e)") }
    }

    @Test func estimateSaturatesInsteadOfTrapping() {
        #expect(ResourceEstimate.product(Int.max, 2) == Int.max)
        #expect(ResourceEstimate.product(1 << 31, 1 << 31) == 1 << 62)
        #expect(ResourceEstimate.sum(Int.max, 1) == Int.max)
        var settings = ChainSettings()
        settings.draws = Int.max
        #expect(throws: SpecError.self) { try ResourceEstimate.checkStepCount(settings, names: .settings) }
        settings.draws = 2000
        #expect(throws: Never.self) { try ResourceEstimate.checkStepCount(settings, names: .settings) }
        #expect(throws: SpecError.self) { try ResourceEstimate.checkStepCount(settings, names: .settings, runs: Int.max / 1000) }
    }

    /// An ordinary spec stays well inside an 8 GB budget.
    @Test func ordinarySpecFits() throws {
        let text = #"{"model": {"kind": "reluNetwork", "widths": [2, 8, 1]}, "data": {"kind": "synthetic", "n": 10000}, "sampler": {"kind": "sgld"}}"#
        #expect(try buildError(text) == nil)
        let spec = try ExperimentSpec.decode(Data(text.utf8))
        #expect(spec.resourceEstimate().bytes < 1 << 20)
    }

    @Test func meminfoIsRead() {
        #expect(MemoryBudget.meminfoValue("MemTotal:  100 kB\nMemAvailable:    8123456 kB\n", key: "MemAvailable") == 8_123_456)
        #expect(MemoryBudget.available().bytes > 0)
    }

    /// The default nβ = n/log n is taken at n ≥ 3: n = 2 without nβ is an error, not a silent n = 3.
    @Test func defaultTemperatureNeedsThreeSamples() throws {
        let spec = try ExperimentSpec.decode(Data(#"{"model": {"kind": "potential", "k": "w^2", "n": 2}}"#.utf8))
        let experiment = try spec.build()
        let request = LLCRequest(sampler: SamplerConfiguration(kind: .sgld, stepSize: 1e-4), prior: experiment.prior, start: .given([:]))
        guard case let .potential(model) = experiment.model else { Issue.record("not a potential"); return }
        #expect(throws: SpecError.self) { _ = try request.posterior(for: model) }
        var explicit = request
        explicit.nbeta = 2
        #expect(throws: Never.self) { _ = try explicit.posterior(for: model) }
    }

    /// A FIFO as a spec is refused without blocking.
    @Test func fifoSpecIsNotARegularFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let fifo = dir.appendingPathComponent("spec.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect { _ = try ExperimentSpec.load(path: fifo) } throws: { ($0 as? SpecError)?.message.contains("not a regular file") == true }
        #expect { _ = try ExperimentSpec.load(path: "/dev/null") } throws: { ($0 as? SpecError)?.message.contains("character device") == true }
    }
}
