import Hummingbird
import HummingbirdTesting
import ShablonWeb
import Testing

@Suite struct WebSmoke {
    @Test func root() async throws {
        let app = Application(router: WebServer.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
            }
        }
    }
}
