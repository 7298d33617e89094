import Foundation

/// The tensors of one weight or data file, in file order: a safetensors
/// file's tensors by data offset (its JSON header's key order carries no
/// meaning), an `.npz` archive's members in archive order, an `.npy` file's
/// one array (named after the file).
public struct TensorFile: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case safetensors, npy, npz
    }

    /// The file's name as errors give it.
    public var source: String
    public var format: Format
    public var tensors: [Tensor]
    /// A safetensors file's `__metadata__` (string to string); empty otherwise.
    public var metadata: [String: String]

    public init(source: String, format: Format, tensors: [Tensor], metadata: [String: String] = [:]) {
        self.source = source
        self.format = format
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor with this name, if any.
    public subscript(name: String) -> Tensor? { tensors.first { $0.name == name } }

    /// The tensor names in file order.
    public var names: [String] { tensors.map(\.name) }

    /// Reads a safetensors, `.npy` or `.npz` file, recognised by its first
    /// bytes (not its extension). The file must be a regular file of at most
    /// `limits.maximumBytes`.
    public static func read(path: String, limits: TensorFileLimits = .default) throws -> TensorFile {
        let data = try contents(ofFile: path, limits: limits)
        if isZip(data.prefix(4)) {
            // A zip is read from the file itself (see `decodeNpz`).
            return try decodeNpz(archiveAt: URL(fileURLWithPath: path), bytes: data, source: path, limits: limits)
        }
        return try decode(data, source: path, limits: limits)
    }

    /// Decodes the bytes of a file, recognised by its magic bytes: `\x93NUMPY`
    /// is `.npy`, `PK` a zip (`.npz`), and an 8-byte length followed by `{` safetensors.
    public static func decode(_ data: Data, source: String, limits: TensorFileLimits = .default) throws -> TensorFile {
        guard data.count <= limits.maximumBytes else {
            throw TensorFileError(file: source, "the file has \(data.count) bytes, more than the limit of \(limits.maximumBytes)")
        }
        let head = [UInt8](data.prefix(9))
        if head.starts(with: NumPyFormat.magic) {
            return TensorFile(source: source, format: .npy,
                              tensors: [try decodeNpy(data, source: source, name: arrayName(source), limits: limits)])
        }
        if isZip(Data(head)) {
            return try decodeNpz(data, source: source, limits: limits)
        }
        if head.count == 9, head[8] == UInt8(ascii: "{") {
            return try decodeSafetensors(data, source: source, limits: limits)
        }
        let shown = head.prefix(8).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        throw TensorFileError(file: source, offset: 0,
                              "not a safetensors, .npy or .npz file (it starts with the bytes \(shown.joined(separator: " "))); "
                              + "expected an 8-byte header length and '{' (safetensors), \\x93NUMPY (.npy) or PK (a zip, .npz)")
    }

    /// A zip's local file header or (for an empty archive) end-of-directory signature.
    static func isZip(_ head: Data) -> Bool {
        head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    /// The array name of an `.npy` file: its file name without the directory and `.npy`.
    static func arrayName(_ path: String) -> String {
        let base = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        return base.hasSuffix(".npy") ? String(base.dropLast(4)) : base
    }

    /// The bytes of a regular file of at most `limits.maximumBytes` (a FIFO or
    /// a device is refused before it is opened, so it cannot block or stream).
    static func contents(ofFile path: String, limits: TensorFileLimits) throws -> Data {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw TensorFileError(file: path, "cannot read the file: no such file or no permission")
        }
        guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
            throw TensorFileError(file: path, "not a regular file; expected a safetensors, .npy or .npz file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= limits.maximumBytes else {
            throw TensorFileError(file: path, "the file has \(size) bytes, more than the limit of \(limits.maximumBytes)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TensorFileError(file: path, "cannot open the file")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: limits.maximumBytes + 1) ?? Data() } catch {
            throw TensorFileError(file: path, "cannot read the file (\(error.localizedDescription))")
        }
        guard data.count <= limits.maximumBytes else {
            throw TensorFileError(file: path, "the file grew past the limit of \(limits.maximumBytes) bytes while being read")
        }
        return data
    }
}
