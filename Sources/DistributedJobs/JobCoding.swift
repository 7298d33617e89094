import Foundation

/// How a job's result travels from the rank that ran it to the coordinator:
/// JSON with sorted keys; Swift prints each Double in its shortest form that
/// reads back to the same bits, and infinities and NaN as strings. Every
/// queue, the in-process one included, sends each result through this
/// encoding, so the gathered values are the same whichever rank ran a job.
public enum JobCoding {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: data)
    }
}
