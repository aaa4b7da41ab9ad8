import ArgumentParser
import Foundation
import Hummingbird
import Shablon
import ShablonData
import ShablonWeb

/// `shablon serve`: the web page over a folder of documents (docs/web.md).
struct ServeCommand: ShablonSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Открывает страницу в браузере: список документов, редактор плана, просмотр страниц, DOCX и PDF.",
        discussion: "Без папки — ~/Shablon (при первом запуске туда кладутся примеры). По умолчанию страница видна только на этом компьютере; для других компьютеров — --host 0.0.0.0 и --password-file.")

    @Argument(help: "Папка документов (по умолчанию ~/Shablon).")
    var folder: String?

    @Option(name: .long, help: "Адрес, на котором слушать: 127.0.0.1 — только этот компьютер; 0.0.0.0 — все (нужен --password-file).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Порт (0 — любой свободный).")
    var port = 8080

    @Option(name: .long, help: "Файл с паролем (первая строка) для входа на страницу; обязателен, если страница видна другим компьютерам.")
    var passwordFile: String?

    @Option(name: .long, help: "Предел размера загружаемого файла, МиБ.")
    var maxUpload = 64

    @OptionGroup var options: CommonOptions

    func run() throws {
        guard (0...65535).contains(port) else {
            options.report(Problems.usage("порт \(port) вне 0…65535", "port \(port) is outside 0…65535", hintRu: "Например: --port 8080.", hintEn: "For example: --port 8080.").items)
            throw Exit(status: .usage)
        }
        guard (1...4096).contains(maxUpload) else {
            options.report(Problems.usage("--max-upload \(maxUpload) вне 1…4096 МиБ", "--max-upload \(maxUpload) is outside 1…4096 MiB", hintRu: "Например: --max-upload 64.", hintEn: "For example: --max-upload 64.").items)
            throw Exit(status: .usage)
        }
        if !WebOptions.isLoopback(host) && passwordFile == nil {
            options.report(Problems.usage("страница на адресе \(host) видна другим компьютерам, а пароля нет",
                                          "the page on \(host) is visible to other computers, and there is no password",
                                          hintRu: "Запишите пароль в файл и передайте его: --password-file пароль.txt. Или не указывайте --host: страница будет видна только на этом компьютере.",
                                          hintEn: "Write a password into a file and pass it: --password-file password.txt. Or leave out --host: the page is then seen on this computer only.").items)
            throw Exit(status: .usage)
        }
        // The home folder as the shell has it ($HOME), else the account's.
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        var web = WebOptions(folder: folder ?? (home + "/Shablon"))
        web.host = host
        web.port = port
        web.maxUpload = maxUpload << 20
        if let passwordFile {
            do { web.password = try WebPassword.load(passwordFile) } catch {
                options.report(error.items)
                throw Exit(status: .usage)
            }
        }
        let app: WebApp
        do {
            app = try WebApp(options: web)
            if try app.store.fillWithExamples() {
                options.say("В папку \(app.store.folder) положены примеры: планы, анализ, заказ учебников.", "Examples were put into \(app.store.folder): plans, an analysis, a textbook order.")
            }
        } catch {
            try options.finish(error.items)
            return
        }
        let options = self.options
        let done = DispatchSemaphore(value: 0)
        let failure = Failure()
        Task {
            do {
                try await app.application { url in
                    options.say("Страница: \(url)\nПапка документов: \(app.store.folder)\nОстановить: Ctrl-C.",
                                "Page: \(url)\nDocuments folder: \(app.store.folder)\nStop: Ctrl-C.")
                }.run()
            } catch {
                failure.set("\(error)")
            }
            done.signal()
        }
        done.wait()
        if let message = failure.message {
            options.report([Problem(code: "serve-failed", message: LocalizedText(ru: "сервер не запущен: \(message)", en: "the server did not start: \(message)"),
                                    hint: LocalizedText(ru: "Возможно, порт \(port) занят: укажите другой, например --port 8081.", en: "The port \(port) may be taken: give another, e.g. --port 8081."))])
            throw Exit(status: .problems)
        }
    }
}

/// Why the server stopped, said after it did.
final class Failure: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var message: String?
    func set(_ m: String) { lock.lock(); message = m; lock.unlock() }
}
