import SessionClient

extension Strings {
    /// A failed request in the user's language: the server's refusal by its code, or the network.
    func describe(_ error: any Error) -> String {
        switch error as? ClientError {
        case .server(_, let code, let message, _)?: refused(code, message)
        case .transport?, .invalidResponse?: noNetwork
        case nil: String(describing: error)
        }
    }
}
