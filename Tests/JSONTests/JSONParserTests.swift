import Foundation
import JSON
import Testing

/// The strict parser shared by the experiment specs and the safetensors header.
@Suite struct JSONParserTests {
    func error(_ text: String) -> JSONError? {
        do {
            _ = try JSONValue.parse(Data(text.utf8), source: "t.json")
            return nil
        } catch { return error }
    }

    @Test func valuesAreExact() throws {
        let v = try JSONValue.parse(Data(#"{"a": [1, -0, 2.5e-3, true, null, "x\u00e9\n"], "b": 9223372036854775807}"#.utf8), source: "t")
        #expect(v == .object(["a": .array([.integer(1), .integer(0), .number(0.0025), .bool(true), .null, .string("xé\n")]),
                              "b": .integer(Int64.max)]))
    }

    @Test func errorsGivePositionAndByteOffset() {
        let dup = error("{\"a\": 1,\n \"a\": 2}")
        #expect(dup?.path == "t.json:2:2")
        #expect(dup?.offset == 10)
        #expect(dup?.message.contains("duplicate key \"a\"") == true)
        let deep = error(String(repeating: "[", count: 300))
        #expect(deep?.message.contains("nested more than 256 deep") == true)
        #expect(deep?.offset == 256)
        #expect(error("1e400")?.message.contains("number out of range") == true)
        #expect(error("[1,]")?.description == "t.json:1:4: invalid JSON: expected a value, got ']'")
    }
}
