import Foundation
import JSON
import Models
import Testing
@testable import Experiments

/// The `mlp` model kind: decoding (errors name the field), building on
/// synthetic data of each head, the presets through `MLP`, and the sizes
/// checked before anything is allocated.
@Suite struct MLPSpecTests {
    static let budget = MemoryBudget(bytes: 8 << 30, source: "a test's 8 GB")

    func error(_ text: String, build: Bool = false) -> SpecError? {
        do {
            let spec = try ExperimentSpec.decode(Data(text.utf8), source: "spec.json")
            if build { _ = try spec.build(budget: Self.budget) }
            return nil
        } catch let e as SpecError {
            return e
        } catch {
            Issue.record("not a SpecError: \(error)")
            return nil
        }
    }

    static func spec(_ model: String, truth: String = "", data: String = #""data": {"kind": "synthetic", "n": 50}"#) -> String {
        #"{"model": {"kind": "mlp", \#(model)}, \#(truth.isEmpty ? "" : truth + ", ")\#(data)}"#
    }

    @Test(arguments: [
        (spec(#""widths": [2, 4, 4, 1], "activations": ["relu", "swish"]"#),
         "model.activations[1]", #"expected one of "relu", "tanh", "gelu", "sigmoid", "identity", got "swish""#),
        (spec(#""widths": [2, 4, 4, 1], "activations": ["relu"]"#),
         "model.activations", "expected one activation per hidden layer (2) or one name for all, got 1"),
        (spec(#""widths": [2, 4, 1]"#), "model.activations", "missing; this field is required"),
        (spec(#""widths": [2, 4, 1], "activations": "tanh", "head": "poisson""#),
         "model.head", #"expected one of "gaussian", "softmax", "logistic", "pinnedSoftmax", got "poisson""#),
        (spec(#""widths": [2, 4, 1], "activations": "tanh", "head": "softmax""#),
         "model.widths[2]", "a softmax head needs at least 2 output units (classes), got 1"),
        (spec(#""widths": [2, 4, 3], "activations": "tanh", "head": "logistic""#),
         "model.widths[2]", "a logistic head needs exactly 1 output unit, got 3"),
        (spec(#""widths": [2, 4, 3], "activations": "tanh", "head": "softmax", "sigma": 0.5"#),
         "model.sigma", "only a gaussian head has a noise σ; a softmax head has none"),
        (spec(#""widths": [2, 4, 1], "activations": "tanh", "bias": true"#),
         "model.bias", "unknown key in a mlp model (expected one of: kind, widths, activations, biases, head, sigma, precision)"),
        (spec(#""widths": [2, 4, 1], "activations": "tanh", "precision": "float16""#),
         "model.precision", #"expected one of "float64", "float32", got "float16""#),
        (spec(#""widths": [2, 4, 1], "activations": "tanh""#, truth: #""truth": {"seed": 1, "parameters": [1]}"#),
         "truth.seed", "give either truth.parameters or truth.seed (drawing all of them), not both"),
        (spec(#""widths": [2, 4, 3], "activations": "tanh", "head": "softmax""#,
              data: #""data": {"kind": "synthetic", "n": 50, "noise": 0.1}"#),
         "data.noise", "a softmax head draws labels from its class probabilities; it has no noise σ"),
    ])
    func decodingErrorsNameTheField(_ text: String, _ path: String, _ message: String) {
        let e = error(text)
        #expect(e?.path == path, "\(String(describing: e))")
        #expect(e?.message == message, "\(String(describing: e))")
    }

    /// A classifier's CSV labels must be classes; huge widths are refused
    /// before allocation, naming the widest layer.
    @Test func buildErrorsNameTheField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlp-spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "x,y\n0.5,0\n1.5,3\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let text = #"{"model": {"kind": "mlp", "widths": [1, 3], "head": "softmax"}, "data": {"kind": "csv", "file": "d.csv", "inputs": ["x"], "outputs": ["y"]}}"#
        let spec = try ExperimentSpec.decode(Data(text.utf8))
        #expect(throws: SpecError(path: "data", "sample 2: a softmax head expects a class label 0…2, got 3.0")) {
            _ = try spec.build(baseDirectory: dir, budget: Self.budget)
        }
        let huge = error(Self.spec(#""widths": [2, 100000, 100000, 1], "activations": "relu""#), build: true)
        #expect(huge?.path == "model.widths[1]")
        #expect(huge?.message.contains("memory") == true, "\(String(describing: huge))")
    }

    /// Each head builds on synthetic data; one activation name applies to
    /// every hidden layer; the spec round-trips through JSON.
    @Test(arguments: ["gaussian", "softmax", "logistic", "pinnedSoftmax"])
    func buildsEveryHead(_ head: String) throws {
        let out = head == "softmax" ? 3 : head == "pinnedSoftmax" ? 2 : 1
        let text = Self.spec(#""widths": [2, 5, 4, \#(out)], "activations": "gelu", "head": "\#(head)""#, truth: #""truth": {"seed": 2}"#,
                             data: #""data": {"kind": "synthetic", "n": 200, "seed": 3}"#)
        let spec = try ExperimentSpec.decode(Data(text.utf8))
        #expect(try ExperimentSpec.decode(try JSONEncoder().encode(spec)) == spec)
        let e = try spec.build(budget: Self.budget)
        guard case let .mlp(m) = e.model else { Issue.record("not an mlp"); return }
        #expect(m.activations == [.gelu, .gelu])
        #expect(m.head.name == head)
        #expect(m.sampleCount == 200)
        #expect(e.truth?.count == m.dimension)
        if head != "gaussian" {
            let classes = Set(m.data.outputs)
            // (This truth is confident: L_n(w0) ≈ 0.008, one class may take
            // all 200 samples; MLPTests checks the label frequencies.)
            #expect(classes.isSubset(of: Set((0..<m.classCount!).map(Double.init))))
        }
        let at = try e.model.accept(PointEvaluation(point: e.truth!))
        #expect(at.loss.isFinite)
    }

    /// The presets build `MLP`s with the old names, truths and sizes.
    /// `precision` reaches the model (default float64) and round-trips through the spec's JSON.
    @Test func precisionIsReadAndWritten() throws {
        let single = try ExperimentSpec.decode(Data(Self.spec(#""widths": [2, 4, 1], "activations": "tanh", "precision": "float32""#).utf8),
                                               source: "spec.json")
        guard case let .mlp(m) = try single.build(budget: Self.budget).model else { Issue.record("not an mlp"); return }
        #expect(m.precision == .single)
        guard case let .object(o) = single.model.json else { Issue.record("not an object"); return }
        #expect(o["precision"] == .string("float32"))
        let double = try ExperimentSpec.decode(Data(Self.spec(#""widths": [2, 4, 1], "activations": "tanh""#).utf8), source: "spec.json")
        guard case let .mlp(d) = try double.build(budget: Self.budget).model else { Issue.record("not an mlp"); return }
        guard case let .object(o64) = double.model.json else { Issue.record("not an object"); return }
        #expect(d.precision == .double && o64["precision"] == nil)
    }

    @Test func presetsBuildMLPs() throws {
        let tanh = try ExperimentSpec.decode(Data(#"{"model": {"kind": "tanhNetwork", "inputs": 1, "outputs": 1, "hidden": 2}, "truth": {"activeUnits": 1}, "data": {"kind": "synthetic", "n": 30}}"#.utf8)).build()
        #expect(tanh.model.parameterNames == ["a[0,0]", "a[1,0]", "b[0,0]", "b[0,1]"])
        #expect(tanh.truth == [1, 0, 1, 0])
        let relu = try ExperimentSpec.decode(Data(#"{"model": {"kind": "reluNetwork", "widths": [1, 2, 1]}, "data": {"kind": "synthetic", "n": 30}}"#.utf8)).build()
        #expect(relu.model.parameterNames == ["W1[0,0]", "W1[1,0]", "b1[0]", "b1[1]", "W2[0,0]", "W2[0,1]", "b2[0]"])
        guard case .mlp = relu.model, case .mlp = tanh.model else { Issue.record("presets are not MLPs"); return }
    }
}
