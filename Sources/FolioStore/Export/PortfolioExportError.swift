/// Why a portfolio could not be written, naming the path so the user can fix it.
public enum PortfolioExportError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotCreateDirectory(path: String, reason: String)
    case cannotCreateFile(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var path: String {
        switch self {
        case .cannotCreateDirectory(let path, _), .cannotCreateFile(let path, _), .cannotWrite(let path, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            return "\(path): cannot create the output folder: \(reason)"
        case .cannotCreateFile(let path, let reason):
            return "\(path): cannot create the file: \(reason)"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write: \(reason)"
        }
    }
}
