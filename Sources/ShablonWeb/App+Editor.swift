import Foundation
import Hummingbird
import Shablon
import ShablonData
import ShablonDocuments

extension WebApp {
    // MARK: A document's page

    /// The templates of the folder a document may be filled into.
    func templateChoice(_ r: Request, name: String, session: WebSession?) -> String {
        let templates = catalog.names(withExtensions: ["docx", "odt"])
        let chosen = chosenTemplate(r)
        let options = ["<option value=\"\">встроенный</option>"] + templates.map { t in
            "<option value=\"\(escapeHTML(t))\"\(t == chosen ? " selected" : "")>\(escapeHTML(t))</option>"
        }
        return "<form method=\"get\" action=\"\(Page.link(name))\" class=\"inline\" id=\"template-choice\"><label>Шаблон <select name=\"template\">\(options.joined())</select></label><button>Применить</button></form>"
    }

    /// Download links and the preview frame of a document that prints.
    func outputs(_ r: Request, name: String, revision: String, session: WebSession?) -> String {
        let t = chosenTemplate(r).map { "?template=" + Page.percentEncoded($0) } ?? ""
        let links = [("docx", "DOCX"), ("odt", "ODT"), ("pdf", "PDF"), ("pdfa", "PDF/A")].map { f, label in
            "<a class=\"download\" id=\"download-\(f)\" href=\"\(Page.link(name, "/download/" + f))\(t)\">\(label)</a>"
        }.joined(separator: " ")
        let sep = t.isEmpty ? "?" : "&"
        return """
        <div class="outputs">\(templateChoice(r, name: name, session: session))<div class="downloads">Скачать: \(links)</div></div>
        <iframe id="preview" title="Страницы, как они будут напечатаны" src="\(Page.link(name, "/preview"))\(t)\(sep)rev=\(escapeHTML(revision))"></iframe>
        """
    }

    func documentPage(_ r: Request, _ ctx: WebContext) throws -> Response {
        let name = try name(ctx)
        let entry: CatalogEntry
        let bytes: [UInt8]
        do {
            entry = try catalog.entry(name)
            bytes = try store.read(name).bytes
        } catch { throw failure(error, "Документ не открыт") }
        let s = ctx.session
        let rev = entry.entry.revision
        let tools = "<nav class=\"doc-tools\"><a href=\"/\">← Документы</a> · <a href=\"\(Page.link(name, "/history"))\" id=\"history-link\">История версий</a>"
            + (["yaml", "yml", "json", "csv"].contains((name as NSString).pathExtension.lowercased()) ? " · <a href=\"\(Page.link(name, "/text"))\" id=\"text-link\">Текст файла</a>" : "") + "</nav>"
        var body = Page.done(query(r, "done"), name: query(r, "name")) + tools
            + "<h1>\(escapeHTML(entry.title))</h1><p class=\"muted\">\(escapeHTML(name)) · \(escapeHTML(entry.kind.title))\(entry.year.map { " · " + escapeHTML($0) } ?? "")</p>"
        switch entry.kind {
        case .plan:
            let editor = PlanForm.html(yaml: String(decoding: bytes, as: UTF8.self), action: Page.link(name),
                                       hidden: [("csrf", s?.csrf ?? ""), ("revision", rev)])
            body += "<div class=\"split\"><section class=\"editor\">\(editor)</section><section class=\"pages\">\(outputs(r, name: name, revision: rev, session: s))</section></div>"
        case .analysis:
            body += Page.problems(entry.problems, title: "Что исправить") + outputs(r, name: name, revision: rev, session: s)
        case .order:
            let contracts = ((try? catalog.entries()) ?? []).filter { $0.kind == .contracts }.map(\.entry.name)
            let opts = ["<option value=\"\">без данных контрактов</option>"] + contracts.map { "<option value=\"\(escapeHTML($0))\" selected>\(escapeHTML($0))</option>" }
            body += Page.problems(entry.problems, title: "Что исправить")
                + "<form method=\"get\" action=\"\(Page.link(name, "/download/zip"))\" class=\"card\"><h2>Спецификации по издательствам</h2><label>Данные контрактов <select name=\"contracts\">\(opts.joined())</select></label>"
                + "<label>Формат <select name=\"as\"><option value=\"docx\">DOCX</option><option value=\"odt\">ODT</option><option value=\"pdf\">PDF</option></select></label><button id=\"download-zip\">Скачать архив</button></form>"
        case .statistics:
            body += Page.problems(entry.problems, title: "Что исправить")
                + "<form method=\"get\" action=\"\(Page.link(name, "/download/zip"))\" class=\"card\"><h2>Отчёты школ</h2><p>Отчёт школьной библиотеки для каждой строки таблицы.</p>"
                + "<label>Формат <select name=\"as\"><option value=\"docx\">DOCX</option><option value=\"odt\">ODT</option><option value=\"pdf\">PDF</option></select></label><button id=\"download-zip\">Скачать архив</button></form>"
        case .template:
            body += templateCheck(name, bytes: bytes)
        default:
            body += Page.problems(entry.problems, title: "Что исправить") + "<p><a href=\"\(Page.link(name, "/text"))\">Открыть текст файла</a></p>"
        }
        return Page.html(Page.layout(entry.title, session: s, loggedIn: options.password != nil, body: body))
    }

    /// A district template checked as `shablon check` does: opened, and filled with a plan of the folder.
    func templateCheck(_ name: String, bytes: [UInt8]) -> String {
        var problems: [Problem] = []
        var out = ""
        do {
            let t = try DocumentTemplate(bytes: bytes)
            problems += t.warnings.inFile(name)
            let plans = ((try? catalog.entries()) ?? []).filter { $0.kind == .plan && $0.problems.isEmpty }
            if let first = plans.first, let plan = try? documents.loadPlan(first.entry.name) {
                do {
                    let doc = try t.render(plan.templateValue())
                    problems += doc.warnings.inFile(name)
                    out += "<p>Проверен с данными плана «\(escapeHTML(first.entry.name))».</p>"
                } catch { problems += error.items.inFile(name) }
            }
        } catch { problems += error.items.inFile(name) }
        if problems.isEmpty { out = "<p class=\"notice good\" id=\"template-ok\">Шаблон открывается и заполняется без ошибок.</p>" + out }
        return out + Page.problems(problems, title: "Проверка шаблона")
            + "<p class=\"muted\">Выберите этот шаблон на странице плана («Шаблон»), чтобы печатать план в виде района.</p>"
    }

    /// Saves the plan editor's form; a save over someone else's newer save is refused with the form as typed.
    func save(_ r: Request, _ ctx: WebContext) async throws -> Response {
        let name = try name(ctx)
        let form = try await form(r, ctx)
        let s = ctx.session
        return try await blocking {
            let revision = form["revision"]
            let fields = form.fields.filter { $0.name != "revision" }
            let previous: String
            do { previous = String(decoding: try self.store.read(name).bytes, as: UTF8.self) } catch { throw failure(error, "Документ не открыт") }
            let text: String
            do { text = try PlanForm.yaml(from: fields, previous: previous) } catch { throw failure(error, "План не сохранён") }
            do {
                _ = try self.store.write(name, bytes: Array(text.utf8), expected: revision)
            } catch {
                guard problemItems(error).contains(where: { $0.code.rawValue == "web-conflict" }) else { throw failure(error, "План не сохранён") }
                let current = self.store.revision(of: name) ?? ""
                let notice = "Этот план уже сохранили в другой вкладке или другой человек. Ваша правка не потеряна: она ниже, в форме. "
                    + "Откройте сохранённый вариант в новой вкладке (ссылка «История версий»), перенесите нужное и сохраните — форма сохранится поверх него."
                let editor = PlanForm.html(fields: fields, previous: previous, action: Page.link(name),
                                           hidden: [("csrf", s?.csrf ?? ""), ("revision", current)], notice: notice)
                let body = "<nav class=\"doc-tools\"><a href=\"/\">← Документы</a> · <a href=\"\(Page.link(name))\" target=\"_blank\">Сохранённый вариант</a> · <a href=\"\(Page.link(name, "/history"))\">История версий</a></nav>"
                    + "<p class=\"notice bad\" id=\"conflict\">\(escapeHTML(notice))</p><div class=\"split\"><section class=\"editor\">\(editor)</section></div>"
                return Page.html(Page.layout("Конфликт правок", session: s, loggedIn: self.options.password != nil, body: body), status: .conflict)
            }
            let clean = !PlanForm.problems(of: text).contains { $0.problem.severity == .error }
            return Page.redirect(Page.link(name) + (clean ? "?done=saved" : "?done=draft"))
        }
    }

    // MARK: Text of a file

    func textPage(_ r: Request, _ ctx: WebContext, posted: (text: String, revision: String)?, problems: [Problem], status: HTTPResponse.Status = .ok) throws -> Response {
        let name = try name(ctx)
        let text: String
        let rev: String
        if let posted {
            (text, rev) = posted
        } else {
            do {
                let (b, r) = try store.read(name)
                (text, rev) = (String(decoding: b, as: UTF8.self), r)
            } catch { throw failure(error, "Документ не открыт") }
        }
        let s = ctx.session
        let body = "<nav class=\"doc-tools\"><a href=\"\(Page.link(name))\">← \(escapeHTML(name))</a></nav><h1>Текст файла «\(escapeHTML(name))»</h1>"
            + Page.problems(problems, title: "Файл не сохранён")
            + "<form method=\"post\" action=\"\(Page.link(name, "/text"))\" id=\"text-form\">\(Page.csrf(s))<input type=\"hidden\" name=\"revision\" value=\"\(escapeHTML(rev))\">"
            + "<textarea name=\"text\" id=\"text\" rows=\"30\" spellcheck=\"false\">\(escapeHTML(text))</textarea><button id=\"save-text\">Сохранить</button></form>"
        return Page.html(Page.layout(name, session: s, loggedIn: options.password != nil, body: body), status: status)
    }

    func saveText(_ r: Request, _ ctx: WebContext) async throws -> Response {
        let name = try name(ctx)
        let form = try await form(r, ctx)
        return try await blocking {
            let text = form["text"] ?? ""
            let revision = form["revision"] ?? ""
            let ext = (name as NSString).pathExtension.lowercased()
            if ["yaml", "yml", "json"].contains(ext) {
                do { _ = try DataLoader.load(Array(text.utf8)) } catch {
                    return try self.textPage(r, ctx, posted: (text, revision), problems: problemItems(error).inFile(name), status: .unprocessableContent)
                }
            }
            do { _ = try self.store.write(name, bytes: Array(text.utf8), expected: revision) } catch {
                return try self.textPage(r, ctx, posted: (text, self.store.revision(of: name) ?? ""), problems: problemItems(error), status: .conflict)
            }
            return Page.redirect(Page.link(name) + "?done=saved")
        }
    }

    // MARK: History

    func historyPage(_ r: Request, _ ctx: WebContext) throws -> Response {
        let name = try name(ctx)
        let s = ctx.session
        let versions = store.versions(of: name)
        let rows = versions.map { v in
            "<tr><td>\(Page.date(v.date))</td><td>\(v.size) байт\(v.deleted ? " (удалён)" : "")</td><td><a href=\"\(Page.link(name, "/version/" + Page.percentEncoded(v.id)))\">скачать</a></td><td>"
                + Page.button("Восстановить", action: Page.link(name, "/restore"), session: s, fields: [("version", v.id)]) + "</td></tr>"
        }.joined()
        let body = "<nav class=\"doc-tools\"><a href=\"\(Page.link(name))\">← \(escapeHTML(name))</a></nav><h1>История «\(escapeHTML(name))»</h1>"
            + (versions.isEmpty ? "<p>Прежних версий нет: документ ещё не менялся.</p>" : "<table class=\"list\" id=\"versions\"><thead><tr><th>Сохранена</th><th>Размер</th><th></th><th></th></tr></thead><tbody>\(rows)</tbody></table>")
        return Page.html(Page.layout("История", session: s, loggedIn: options.password != nil, body: body))
    }

    func version(_ r: Request, _ ctx: WebContext) throws -> Response {
        let name = try name(ctx)
        let id = try ctx.parameters.require("id")
        let bytes: [UInt8]
        do { bytes = try store.readVersion(name, id: id.removingPercentEncoding ?? id) } catch { throw failure(error, "Версия не найдена") }
        return attachment(Produced(bytes: bytes, fileName: name, contentType: "application/octet-stream"))
    }

    func restore(_ r: Request, _ ctx: WebContext) async throws -> Response {
        let name = try name(ctx)
        let form = try await form(r, ctx)
        return try await blocking {
            do { _ = try self.store.restore(name, version: form["version"] ?? "") } catch { throw failure(error, "Версия не восстановлена") }
            return Page.redirect(Page.link(name) + "?done=restored")
        }
    }

    func delete(_ r: Request, _ ctx: WebContext) async throws -> Response {
        let name = try name(ctx)
        let form = try await form(r, ctx)
        return try await blocking {
            do { try self.store.delete(name, expected: form["revision"]) } catch { throw failure(error, "Документ не удалён") }
            return Page.redirect("/?done=deleted&name=" + Page.percentEncoded(name))
        }
    }

    func copy(_ r: Request, _ ctx: WebContext) async throws -> Response {
        let name = try name(ctx)
        _ = try await form(r, ctx)
        return try await blocking {
            do {
                let (bytes, _) = try self.store.read(name)
                let ext = (name as NSString).pathExtension
                let copy = self.store.uniqueName((name as NSString).deletingPathExtension + " (копия)." + ext)
                _ = try self.store.write(copy, bytes: bytes, expected: nil)
                return Page.redirect(Page.link(copy) + "?done=copied&name=" + Page.percentEncoded(copy))
            } catch { throw failure(error, "Копия не создана") }
        }
    }

    /// «На следующий год»: the plan rolled on into a new file; the page says every change and what to check.
    func nextYear(_ r: Request, _ ctx: WebContext) async throws -> Response {
        let name = try name(ctx)
        _ = try await form(r, ctx)
        let s = ctx.session
        return try await blocking {
            let text: String
            do { text = String(decoding: try self.store.read(name).bytes, as: UTF8.self) } catch { throw failure(error, "План не открыт") }
            let next = PlanNextYear.roll(text)
            do { _ = try Plan.load(try DataLoader.load(Array(next.text.utf8))) } catch {
                throw failure(Problems(problemItems(error).map { var p = $0; p.code = "next-year-invalid"; return p }), "План не перенесён")
            }
            let newName = self.store.uniqueName(Self.nextYearName(name))
            do { _ = try self.store.write(newName, bytes: Array(next.text.utf8), expected: nil) } catch { throw failure(error, "План не сохранён") }
            let changes = next.changes.map { c in
                "<li>строка \(c.line): \(escapeHTML(c.before.trimmingCharacters(in: .whitespaces))) → \(escapeHTML(c.after?.trimmingCharacters(in: .whitespaces) ?? "удалено"))</li>"
            }.joined()
            let notes = next.notes.map { "<li>\(escapeHTML($0))</li>" }.joined()
            let body = "<h1>План перенесён на следующий год</h1><p class=\"notice good\" id=\"rolled\">Создан «\(escapeHTML(newName))»; «\(escapeHTML(name))» не изменён.</p>"
                + "<h2>Проверьте</h2><ul>\(notes)</ul><h2>Изменения (\(next.changes.count))</h2><ul class=\"changes\">\(changes)</ul>"
                + "<p><a class=\"button\" id=\"open-next\" href=\"\(Page.link(newName))\">Открыть новый план</a> <a href=\"/\">К списку</a></p>"
            return Page.html(Page.layout("На следующий год", session: s, loggedIn: self.options.password != nil, body: body))
        }
    }

    /// `план-2024-2025.yaml` → `план-2025-2026.yaml`; a name without years gets «(следующий год)».
    static func nextYearName(_ name: String) -> String {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        if let m = base.firstMatch(of: /(\d{4})([-–_])(\d{4})/), let a = Int(m.1), let b = Int(m.3), b == a + 1 {
            return base.replacingCharacters(in: m.range, with: "\(a + 1)\(m.2)\(b + 1)") + "." + ext
        }
        return base + " (следующий год)." + ext
    }

    // MARK: Outputs

    func attachment(_ p: Produced) -> Response {
        let ascii = p.fileName.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? String($0) : "_" }.joined()
        let disposition = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(Page.percentEncoded(p.fileName))"
        return Response(status: .ok, headers: [.contentType: p.contentType, .contentDisposition: disposition],
                        body: .init(byteBuffer: ByteBuffer(bytes: p.bytes)))
    }

    func download(_ r: Request, _ ctx: WebContext) throws -> Response {
        let name = try name(ctx)
        let format = try ctx.parameters.require("format")
        let entry: CatalogEntry
        do { entry = try catalog.entry(name) } catch { throw failure(error, "Документ не открыт") }
        do {
            if format == "zip" {
                let f = WebFormat(rawValue: query(r, "as") ?? "docx") ?? .docx
                switch entry.kind {
                case .order:
                    let c = query(r, "contracts").flatMap { $0.isEmpty ? nil : $0 }
                    return attachment(try documents.specifications(name, contracts: c, format: f))
                case .statistics: return attachment(try documents.schoolReports(name, format: f))
                default: break
                }
            } else if let f = WebFormat(rawValue: format) {
                switch entry.kind {
                case .plan: return attachment(try documents.plan(name, format: f, template: chosenTemplate(r)))
                case .analysis: return attachment(try documents.analysis(name, format: f, template: chosenTemplate(r)))
                default: break
                }
            }
        } catch { throw failure(error, "Документ не составлен") }
        throw WebFailure(.notFound, "Нет такого вида", [Problem(code: .webFormat, message: LocalizedText(ru: "«\(name)» не скачивается как «\(format)»", en: "'\(name)' is not downloaded as '\(format)'"), hint: LocalizedText(ru: "Возьмите ссылки со страницы документа.", en: "Use the links of the document's page."))])
    }
}
