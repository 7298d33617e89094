// libFuzzer target: the CSV reader (Dataset.csv(text:…)).
// Input: the bytes as UTF-8 text. Columns are chosen twice: the fixed names
// x and y (what the seeds use), and all header fields but the last as inputs
// with the last as output, so header mutations reach the row reader too.
// Built and run by scripts/fuzz.sh (target "csv").
import Foundation
import Models

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Dataset.csv(text: text, path: "fuzz.csv", inputColumns: ["x"], outputColumns: ["y"])
    let header = text.prefix { !$0.isNewline }
    let names = header.split(separator: ",", omittingEmptySubsequences: false)
        .map { String($0).trimmingCharacters(in: .whitespaces) }
    if names.count >= 2, names.count <= 64 {
        _ = try? Dataset.csv(text: text, path: "fuzz.csv", inputColumns: Array(names.dropLast()), outputColumns: [names.last!])
    }
    return 0
}
