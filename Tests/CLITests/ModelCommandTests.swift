import Foundation
import Testing
import TestSupport

@Suite struct ModelCommandTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples")

    static let kinds = ["polynomialRegression", "potential", "linearRegression", "reducedRankRegression",
                        "deepLinearNetwork", "tanhNetwork", "reluNetwork", "mlp"]

    static func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// Writes `text` to a fresh spec file and runs `rlct model --spec` on it.
    static func run(spec text: String, extra: [String] = [], files: [String: String] = [:]) throws -> CommandResult {
        let dir = try temporaryDirectory()
        for (name, contents) in files { try contents.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let file = dir.appendingPathComponent("spec.json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return try runRLCT(["model", "--spec", file.path] + extra)
    }

    /// Every example spec builds; the truth has K = 0 where K has a closed form.
    @Test(arguments: kinds)
    func examplesRun(_ kind: String) throws {
        let file = Self.examples.appendingPathComponent("model-\(kind).json")
        let result = try runRLCT(["model", "--spec", file.path, "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let json = try Self.json(result)
        #expect(json["kind"] as? String == kind)
        let d = try #require(json["dimension"] as? Int)
        #expect((json["parameter_names"] as? [String])?.count == d)
        #expect((json["truth"] as? [Double])?.count == d)
        #expect(json["loss_at_truth"] is Double)
        #expect(json["gradient_norm_at_truth"] is Double)
        if let k = json["population_loss_at_truth"] as? Double { #expect(k == 0) }
        let text = try runRLCT(["model", "--spec", file.path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("dimension"))
        #expect(text.stdout.contains("L_n(truth)"))
    }

    /// Noise-free data: L_n(w0) = ½ log(2πσ²) exactly and ∇L_n(w0) = 0.
    @Test func noiseFreeLossAtTruthIsTheConstant() throws {
        let result = try Self.run(spec: """
            {"model": {"kind": "deepLinearNetwork", "widths": [10, 20, 20, 20, 10], "sigma": 2},
             "truth": {"rank": 3}, "data": {"kind": "synthetic", "n": 500, "seed": 1, "noise": 0}}
            """, extra: ["--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let json = try Self.json(result)
        #expect(json["dimension"] as? Int == 1200)
        let loss = try #require(json["loss_at_truth"] as? Double)
        #expect(abs(loss - 10 * 0.5 * log(2 * Double.pi * 4)) < 1e-12)
        #expect(try #require(json["gradient_norm_at_truth"] as? Double) < 1e-12)
    }

    @Test func flagsGiveTheSeedsRegression() throws {
        let result = try runRLCT(["model", "--q", "w1*w2^2", "-n", "200", "--prior", "normal:2", "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let json = try Self.json(result)
        #expect(json["kind"] as? String == "polynomialRegression")
        #expect(json["parameter_names"] as? [String] == ["w1", "w2"])
        #expect(json["n"] as? Int == 200)
        #expect(json["prior"] as? String == "normal:2.0")
        let potential = try Self.json(try runRLCT(["model", "--polynomial", "w^4", "--json"]))
        #expect(potential["kind"] as? String == "potential")
        #expect(potential["prior"] as? String == "uniform:[-1.0,1.0]^1")
    }

    /// A bad spec exits 2, and the message names the JSON path (or the CSV line:column).
    @Test(arguments: [
        (#"{"model": {"kind": "deepLinearNetwork", "widths": [3, 2, -1]}, "data": {"kind": "synthetic", "n": 10}}"#,
         "model.widths[2]: expected a positive integer, got -1"),
        (#"{"modle": {}, "model": {"kind": "potential", "k": "w^2", "n": 10}}"#,
         "modle: unknown key in the spec (expected one of: name, description, model, truth, data, prior, sampler, llc, expected, checks)"),
        (#"{"model": {"kind": "tanhNetwork", "inputs": 1, "outputs": 1, "hidden": 2, "sigmma": 1}, "data": {"kind": "synthetic", "n": 10}}"#,
         "model.sigmma: unknown key in a tanhNetwork model (expected one of: kind, inputs, outputs, hidden, biases, sigma)"),
        (#"{"model": {"kind": "cnn"}}"#,
         #"model.kind: expected one of "polynomialRegression", "potential", "linearRegression", "reducedRankRegression", "deepLinearNetwork", "tanhNetwork", "reluNetwork", "mlp", got "cnn""#),
        (#"{"model": {"kind": "reducedRankRegression", "inputs": 3, "outputs": 2, "hidden": 2}, "truth": {"rank": 3}, "data": {"kind": "synthetic", "n": 10}}"#,
         "truth.rank: rank must be between 0 and the smallest width 2, got 3"),
        (#"{"model": {"kind": "deepLinearNetwork", "widths": [2, 2]}, "truth": {"activeUnits": 1}, "data": {"kind": "synthetic", "n": 10}}"#,
         "truth.activeUnits: unknown key in the truth of a deepLinearNetwork model (expected one of: parameters, file, weightsMap, rank)"),
        (#"{"model": {"kind": "linearRegression", "inputs": 2, "outputs": 1}, "truth": {"parameters": [1, 2]}, "data": {"kind": "synthetic", "n": 10}}"#,
         "truth.parameters: expected 3 numbers (the model's parameters W[0,0], W[0,1], b[0]), got 2"),
        (#"{"model": {"kind": "deepLinearNetwork", "widths": [2, 2]}}"#,
         "data: missing; a deepLinearNetwork model needs data (synthetic, csv, npz or npy)"),
        (#"{"model": {"kind": "potential", "k": "w^2", "n": 10}, "data": {"kind": "synthetic", "n": 10}}"#,
         "data: a potential has no data (its n is model.n)"),
        (#"{"model": {"kind": "potential", "k": "w^2", "n": 10}, "prior": {"kind": "uniform", "lower": 1, "upper": 0.5}}"#,
         "prior.upper: expected a bound above lower = 1.0, got 0.5"),
        (#"{"model": {"kind": "potential", "k": "w1*w2", "n": 10}, "prior": {"kind": "uniform", "lower": [-1, -1, -1], "upper": 1}}"#,
         "prior.lower: expected a number or 2 numbers (the model's dimension), got 3"),
        (#"{"model": {"kind": "potential", "k": "(w1+w2", "n": 10}}"#,
         "model.k: column 7: expected ')' to close '(' at column 1 (end of input)"),
        (#"{"model": {"kind": "potential", "k": "w", "n": 0}}"#,
         "model.n: expected a positive integer, got 0"),
        (#"{"model": {"kind": "polynomialRegression", "q": "w"}, "data": {"kind": "synthetic", "n": 10, "inputs": {"distribution": "cauchy"}}}"#,
         #"data.inputs.distribution: expected one of "normal", "uniform", got "cauchy""#),
        (#"{"model": {"kind": "potential", "k": "w", "n": 5}, "sampler": {"kind": "sgld", "stepSize": -0.1}}"#,
         "sampler.stepSize: expected a positive number, got -0.1"),
        (#"{"model": {"kind": "potential", "k": "w", "n": 5}, "expected": {"lambda": "one half"}}"#,
         #"expected.lambda: expected a number or a fraction such as "3/2", got "one half""#),
        (#"{"model": {"kind": "reluNetwork", "widths": [2, 4, 1]}, "truth": {"widths": [2, 5, 1], "seed": 1}, "data": {"kind": "synthetic", "n": 10}}"#,
         "truth.widths: truth widths[1] must be between 1 and the model's 4, got 5"),
        (#"{"model": {"kind": "linearRegression", "inputs": 2, "outputs": 1}, "data": {"kind": "csv", "file": "d.csv", "inputs": ["x"], "outputs": ["y"]}}"#,
         "data.inputs: the model takes 2 inputs, got 1 columns"),
        (#"{"model": {"kind": "potential", "k": "w", "n": 5}, "name": 3}"#,
         "name: expected a string, got 3"),
        (#"[1, 2]"#, "spec: expected an object, got an array"),
    ])
    func badSpecExitsTwoWithPath(_ spec: String, _ message: String) throws {
        let result = try Self.run(spec: spec)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message + "\n"), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// CSV data are read relative to the spec; a bad cell is named by file:line:column.
    @Test func csvDataAndErrors() throws {
        let spec = #"{"model": {"kind": "linearRegression", "inputs": 1, "outputs": 1, "bias": false}, "data": {"kind": "csv", "file": "d.csv", "inputs": ["x"], "outputs": ["y"]}}"#
        let ok = try Self.run(spec: spec, extra: ["--json"], files: ["d.csv": "x,y\n1,2\n2,4.5\n"])
        #expect(ok.status == 0, "stderr: \(ok.stderr)")
        #expect(try Self.json(ok)["n"] as? Int == 2)
        #expect((try Self.json(ok)["data"] as? String)?.hasSuffix("d.csv") == true)
        let bad = try Self.run(spec: spec, files: ["d.csv": "x,y\n1,2\n2,4.5x\n"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("d.csv:3:2: column \"y\": expected a number, got \"4.5x\"\n"), "stderr: \(bad.stderr)")
        let ragged = try Self.run(spec: spec, files: ["d.csv": "x,y\n1\n"])
        #expect(ragged.stderr.contains("d.csv:2: expected 2 fields as in the header, got 1\n"), "stderr: \(ragged.stderr)")
        let missing = try Self.run(spec: spec, files: ["d.csv": "x,z\n1,2\n"])
        #expect(missing.stderr.contains("d.csv:1: no column named \"y\" in the header (columns: x, z)\n"), "stderr: \(missing.stderr)")
    }

    @Test func unreadableAndInvalidFiles() throws {
        let missing = try runRLCT(["model", "--spec", "/nonexistent/spec.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/spec.json: cannot read the spec: no such file\n"), "\(missing.stderr)")
        let syntax = try Self.run(spec: #"{"model": "#)
        #expect(syntax.status == 2)
        #expect(syntax.stderr.contains("spec.json:1:11: invalid JSON: expected a value, got the end of the file"), "\(syntax.stderr)")
        let prior = try runRLCT(["model", "--q", "w", "--prior", "normal:abc"])
        #expect(prior.status == 2)
        #expect(prior.stderr.contains(#"The value 'normal:abc' is invalid for '--prior <prior>': expected normal:SIGMA with SIGMA a positive number, e.g. normal:1"#))
        let neither = try runRLCT(["model"])
        #expect(neither.status == 2)
        #expect(neither.stderr.contains("give a model: --polynomial"))
    }
}
