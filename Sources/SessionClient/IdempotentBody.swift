/// A request body with a `clientId` beside its own fields: `{..., "clientId": "..."}`.
///
/// The moderation bodies of the shared model have no `clientId`; the client adds one so a
/// retried action can be recognised, without changing the type the server decodes.
struct IdempotentBody<Request: Encodable & Sendable>: Encodable, Sendable {
    let request: Request
    let clientId: String?

    private enum Key: String, CodingKey { case clientId }

    func encode(to encoder: any Encoder) throws {
        try request.encode(to: encoder)
        guard let clientId else { return }
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(clientId, forKey: .clientId)
    }
}
