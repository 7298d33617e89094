/// A tensor file that cannot be read or written: `file` names the file (or
/// the archive entry, `data.npz/x.npy`), `tensor` the tensor when known,
/// `offset` the byte offset in the file when the fault has one, and the
/// message what was found and what was expected.
///
///     weights.safetensors: tensor "0.weight": shape [64, 20] needs 10240 bytes of F64, data_offsets give 5120
public struct TensorFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var tensor: String?
    public var offset: Int?
    public var message: String

    public init(file: String, tensor: String? = nil, offset: Int? = nil, _ message: String) {
        self.file = file
        self.tensor = tensor
        self.offset = offset
        self.message = message
    }

    public var description: String {
        var parts = [file]
        if let tensor { parts.append("tensor \"\(tensor)\"") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
