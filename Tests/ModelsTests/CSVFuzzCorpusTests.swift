import Foundation
import Models
import Testing

/// Every committed seed of the `csv` fuzz target (Tests/Fuzz/csv/corpus):
/// the valid ones read, every bad-* one is refused with an error (NaN, inf,
/// hex, ragged rows, NUL, invalid UTF-8, …), none crashes.
@Suite struct CSVFuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/csv/corpus")

    @Test func validSeedsReadAndBadSeedsAreRefused() throws {
        let seeds = try FileManager.default.contentsOfDirectory(at: Self.corpus, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        #expect(seeds.count >= 15)
        for url in seeds {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            let name = url.lastPathComponent
            // The seeds name their columns x → y (the fuzz target's first read), but one.
            let inputs = name == "valid-two-inputs.csv" ? ["x1", "x2"] : ["x"]
            let result = Result { try Dataset.csv(text: text, path: name, inputColumns: inputs, outputColumns: ["y"]) }
            if name.hasPrefix("valid-") {
                #expect((try? result.get()) != nil, "\(name): \(result)")
            } else {
                #expect((try? result.get()) == nil, "\(name) was accepted")
            }
        }
    }
}
