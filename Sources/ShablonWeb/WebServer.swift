import Hummingbird

/// Placeholder: replaced by the web app.
public enum WebServer {
    public static func router() -> Router<BasicRequestContext> {
        let r = Router()
        r.get("/") { _, _ in "Shablon" }
        return r
    }
}
