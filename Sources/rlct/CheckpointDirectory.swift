import ArgumentParser
import Foundation
import Reports

/// The `--out DIR` of `rlct train`: created if missing (with its parents),
/// refused if it exists and is not a directory; its files are written
/// through `OutputTarget` (atomic replacement).
struct CheckpointDirectory {
    let path: String
    let flag: String

    init(creating path: String, flag: String) throws {
        self.path = path
        self.flag = flag
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ValidationError("\(flag) \(path): exists and is not a directory") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("\(flag) \(path): cannot create the directory (\(error.localizedDescription))")
            }
        }
    }

    /// `step-000250.safetensors` (six digits, more when the step needs them).
    static func fileName(step: Int) -> String { String(format: "step-%06d.safetensors", step) }

    /// The file `name` inside the directory, checked for writing.
    func target(_ name: String) throws -> OutputTarget {
        try OutputTarget((path as NSString).appendingPathComponent(name), flag: flag)
    }
}
