import Foundation
import Testing
import TestSupport

/// Every `Examples/*.json` that declares an `expected` λ also lists the checks
/// that measure it with the example's own sampler and LLC settings, and
/// `rlct regress --quick` on the file passes them within the declared tolerance.
@Suite struct ExampleExpectationTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples").standardized

    /// The example files with an `expected` section, in name order.
    static var declaring: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().filter { name in
            guard let data = FileManager.default.contents(atPath: examples.appendingPathComponent(name).path),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
            return object["expected"] != nil
        }
    }

    @Test func theExamplesThatDeclareAnExpectedValueAreFound() {
        #expect(Self.declaring.count >= 4, "\(Self.declaring)")
    }

    @Test(arguments: declaring)
    func exampleMeetsItsExpectedValue(_ name: String) throws {
        let file = Self.examples.appendingPathComponent(name)
        let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let checks = try #require(object["checks"] as? [[String: Any]], "\(name) declares expected but lists no checks")
        #expect(!checks.isEmpty)
        let dir = try temporaryDirectory()
        let json = dir.appendingPathComponent("r.json").path
        let r = try runRLCT(["regress", file.path, "--quick", "--quiet", "--json-file", json])
        #expect(r.status == 0, "\(name):\n\(r.stdout)\n\(r.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let outcomes = try #require(report["outcomes"] as? [[String: Any]])
        // The analytic row and one passing row per check (none skipped).
        #expect(outcomes.count == checks.count + 1)
        #expect(outcomes.allSatisfy { $0["status"] as? String == "pass" }, "\(name): \(outcomes)")
    }
}
