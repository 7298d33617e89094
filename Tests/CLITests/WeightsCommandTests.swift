import Foundation
import Testing
import TestSupport

/// `--weights` and `truth.file` on the command line: the Iris example, and bad files exiting 2.
@Suite struct WeightsCommandTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let iris = root.appendingPathComponent("Examples/iris-mlp.json").path
    static let irisWeights = root.appendingPathComponent("Examples/data/iris-mlp.safetensors").path
    static let dlnNpz = root.appendingPathComponent("Tests/ExperimentsTests/Fixtures/dln-4-2-4-4-rank-1.npz").path

    /// `rlct model` at the trained weights: L_n is the one scripts/train-iris.py printed (0.040046).
    @Test func irisModelAtTrainedWeights() throws {
        let r = try runRLCT(["model", "--spec", Self.iris, "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["dimension"] as? Int == 67)
        #expect(json["n"] as? Int == 150)
        let loss = try #require(json["loss_at_truth"] as? Double)
        #expect(abs(loss - 0.040046) < 1e-5)
        // --weights with the same file reports the same point.
        let again = try runRLCT(["model", "--spec", Self.iris, "--weights", Self.irisWeights, "--json"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("\"weights\""))
    }

    /// A safetensors file of F64 zeros with these tensors (written by hand:
    /// 8-byte header length, JSON header padded with spaces, the data).
    static func safetensors(_ tensors: [(String, [Int])]) -> Data {
        var offset = 0
        var entries: [String] = []
        for (name, shape) in tensors {
            let bytes = shape.reduce(1, *) * 8
            entries.append("\"\(name)\":{\"dtype\":\"F64\",\"shape\":[\(shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var data = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        data.append(Data(count: offset))
        return data
    }

    /// A file whose tensors do not fit: exit 2, the message names the tensor and both shapes.
    @Test func wrongShapesExitTwo() throws {
        let dir = try temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.safetensors")
        try Self.safetensors([("0.weight", [8, 5]), ("0.bias", [8]), ("2.weight", [3, 8]), ("2.bias", [3])]).write(to: bad)
        for command in [["model"], ["llc", "--draws", "10", "--burn-in", "10", "--chains", "1"]] {
            let r = try runRLCT(command + ["--spec", Self.iris, "--weights", bad.path])
            #expect(r.status == 2)
            #expect(r.stderr.contains("--weights") && r.stderr.contains("0.weight") && r.stderr.contains("[8, 5]") && r.stderr.contains("[8, 4]"),
                    "stderr: \(r.stderr)")
        }
        // Too few tensors for the layers: the message lists what the model expects and what the file has.
        let few = try runRLCT(["model", "--spec", Self.iris, "--weights", Self.dlnNpz])
        #expect(few.status == 2)
        #expect(few.stderr.contains("expects 4 tensors"), "stderr: \(few.stderr)")
        let missing = try runRLCT(["llc", "--spec", Self.iris, "--weights", "/nonexistent/w.safetensors"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/w.safetensors"))
    }

    @Test func weightsNeedASpecAndExcludeAt() throws {
        let a = try runRLCT(["llc", "--polynomial", "w^2", "--weights", Self.irisWeights])
        #expect(a.status == 2)
        #expect(a.stderr.contains("--weights"))
        let b = try runRLCT(["llc", "--spec", Self.iris, "--weights", Self.irisWeights, "--at", "W1[0,0]=0"])
        #expect(b.status == 2)
    }

    /// The same weights as the spec's truth, given by --weights: the same λ̂ for the same seed.
    @Test func weightsFlagEqualsSpecTruth() throws {
        let settings = ["--draws", "200", "--burn-in", "100", "--chains", "2", "--target-mcse", "0", "--step-size", "1e-4", "--json"]
        let a = try runRLCT(["llc", "--spec", Self.iris] + settings)
        let b = try runRLCT(["llc", "--spec", Self.iris, "--weights", Self.irisWeights] + settings)
        #expect(a.status == 0 && b.status == 0, "stderr: \(a.stderr) \(b.stderr)")
        func lambda(_ text: String) throws -> Double {
            let json = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return try #require(json["llc_mean"] as? Double ?? (json["estimate"] as? [String: Any])?["llc_mean"] as? Double)
        }
        #expect(try lambda(a.stdout) == lambda(b.stdout))
    }
}
