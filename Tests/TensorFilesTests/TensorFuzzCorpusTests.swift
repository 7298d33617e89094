import Foundation
import Testing
import TensorFiles

/// Every committed seed of the safetensors, npy and npz fuzz targets
/// (Tests/Fuzz/<target>/corpus): valid-* seeds decode, bad-* seeds are
/// refused with a TensorFileError, none crashes.
@Suite struct TensorFuzzCorpusTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    @Test(arguments: ["safetensors", "npy", "npz"])
    func validSeedsReadAndBadSeedsAreRefused(_ target: String) throws {
        let corpus = Self.fuzz.appendingPathComponent("\(target)/corpus")
        let seeds = try FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        #expect(seeds.count >= 4)
        for url in seeds {
            let name = url.lastPathComponent
            let data = try Data(contentsOf: url)
            let e = Fixtures.error { try TensorFile.decode(data, source: name) }
            if name.hasPrefix("valid-") {
                #expect(e == nil, "\(name): \(String(describing: e))")
            } else {
                #expect(e != nil && e?.file.hasPrefix(name) == true, "\(name): \(String(describing: e))")
            }
        }
    }
}
