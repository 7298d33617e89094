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
            let header = text.prefix { !$0.isNewline }.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            let inputs = header.count >= 2 ? Array(header.dropLast()) : ["x"]
            let outputs = header.count >= 2 ? [header.last!] : ["y"]
            let result = Result { try Dataset.csv(text: text, path: name, inputColumns: inputs, outputColumns: outputs) }
            if name.hasPrefix("valid-") {
                #expect((try? result.get()) != nil, "\(name): \(result)")
            } else {
                #expect((try? result.get()) == nil, "\(name) was accepted")
            }
        }
    }
}
