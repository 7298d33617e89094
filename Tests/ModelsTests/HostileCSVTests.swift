import Foundation
import Testing
@testable import Models

/// Hostile CSV data: only decimal numbers, finite, with the line and column
/// of the offending cell; special files are refused without reading them.
@Suite struct HostileCSVTests {
    func error(_ text: String) -> String? {
        do {
            _ = try Dataset.csv(text: text, path: "d.csv", inputColumns: ["x"], outputColumns: ["y"])
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [
        ("x,y\n1,2\n0x10,3\n", "d.csv:3:1: column \"x\": expected a decimal number (digits, a point, an exponent), got \"0x10\""),
        ("x,y\n1,nan\n", "d.csv:2:2: column \"y\": expected a finite number, got \"nan\""),
        ("x,y\n1,2\n-inf,3\n", "d.csv:3:1: column \"x\": expected a finite number, got \"-inf\""),
        ("x,y\n1,Infinity\n", "d.csv:2:2: column \"y\": expected a finite number, got \"Infinity\""),
        ("x,y\n1,1e400\n", "d.csv:2:2: column \"y\": number out of range; expected a finite number, got \"1e400\""),
        ("x,y\n1,2\n3,4.5x\n", "d.csv:3:2: column \"y\": expected a number, got \"4.5x\""),
        ("x,y\n1,\n", "d.csv:2:2: column \"y\": expected a number, got \"\""),
    ])
    func badCellsNameLineAndColumn(_ text: String, _ message: String) {
        #expect(error(text) == message)
    }

    @Test func decimalGrammar() {
        for ok in ["1", "-1", "+2.5", ".5", "1e3", "1E-3", "-0.0", "123456789012345678901234567890"] {
            #expect(Dataset.decimal(ok) == .value(Double(ok)!), "\(ok)")
        }
        for bad in ["0x1p3", "0X10", "1e", "e3", ".", "-", "1.2.3", "1e3.5", " 1"] {
            #expect(Dataset.decimal(bad) != .value(Double(bad) ?? .nan), "\(bad)")
        }
        #expect(Dataset.decimal("nan") == .notFinite)
        #expect(Dataset.decimal("1e999") == .outOfRange)
    }

    @Test func specialFilesAreNotRegular() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let fifo = dir.appendingPathComponent("d.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A FIFO with no writer would block a plain open/read forever.
        #expect(throws: DatasetError.file(path: fifo, message: "not a regular file (it is a FIFO (named pipe)); expected a regular file")) {
            _ = try Dataset.csv(path: fifo, inputColumns: ["x"], outputColumns: ["y"])
        }
        #expect(throws: DatasetError.file(path: "/dev/null", message: "not a regular file (it is a character device); expected a regular file")) {
            _ = try Dataset.csv(path: "/dev/null", inputColumns: ["x"], outputColumns: ["y"])
        }
        #expect(throws: DatasetError.file(path: dir.path, message: "not a regular file (it is a directory); expected a regular file")) {
            _ = try Dataset.csv(path: dir.path, inputColumns: ["x"], outputColumns: ["y"])
        }
        let missing = dir.appendingPathComponent("none.csv").path
        #expect(throws: DatasetError.file(path: missing, message: "no such file")) {
            _ = try Dataset.csv(path: missing, inputColumns: ["x"], outputColumns: ["y"])
        }
        let big = dir.appendingPathComponent("big.csv").path
        try "x,y\n1,2\n".write(toFile: big, atomically: true, encoding: .utf8)
        #expect(throws: DatasetError.self) { _ = try Dataset.csv(path: big, inputColumns: ["x"], outputColumns: ["y"], maximumBytes: 4) }
        #expect(try Dataset.csv(path: big, inputColumns: ["x"], outputColumns: ["y"]).count == 1)
    }

    @Test func byteCounts() {
        #expect(ByteCount.format(812) == "812 bytes")
        #expect(ByteCount.format(80_000_000_000) == "80 GB")
        #expect(ByteCount.format(3_240_000_000) == "3.2 GB")
        #expect(ByteCount.format(Int.max) == "more than 9.2 EB")
    }
}
