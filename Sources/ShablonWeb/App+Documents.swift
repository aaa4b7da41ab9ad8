import Foundation
import Hummingbird
import Shablon
import ShablonData
import ShablonDocuments

extension WebApp {
    /// The query parameter `key` of a request.
    func query(_ r: Request, _ key: String) -> String? {
        PostedForm.urlEncoded(Array((r.uri.query ?? "").utf8))[key]
    }

    /// The template chosen on the page (a .docx/.odt of the folder), or nil for the built-in one.
    func chosenTemplate(_ r: Request) -> String? {
        guard let t = query(r, "template"), !t.isEmpty, DocumentStore.nameProblem(t) == nil else { return nil }
        return t
    }

    // MARK: The list

    func listPage(_ r: Request, _ ctx: WebContext) throws -> Response {
        let entries: [CatalogEntry]
        do { entries = try catalog.entries() } catch { throw failure(error, "Папка не читается", .internalServerError) }
        let s = ctx.session
        let order: [DocumentKindWeb] = [.plan, .analysis, .order, .statistics, .template, .contracts, .columnMap, .data]
        var rows = ""
        for e in entries.sorted(by: { (order.firstIndex(of: $0.kind)!, $0.entry.name) < (order.firstIndex(of: $1.kind)!, $1.entry.name) }) {
            let n = e.entry.name
            let state = e.problems.contains { $0.severity == .error }
                ? "<span class=\"bad\">ошибок: \(e.problems.filter { $0.severity == .error }.count)</span>" : "<span class=\"good\">готов</span>"
            var actions = Page.button("Копировать", action: Page.link(n, "/copy"), session: s)
            if e.kind == .plan { actions += Page.button("На следующий год", action: Page.link(n, "/next-year"), session: s) }
            actions += Page.button("Удалить", action: Page.link(n, "/delete"), session: s, fields: [("revision", e.entry.revision)],
                                   confirm: "Переместить «\(n)» в корзину? Его можно будет восстановить.", cls: "danger")
            rows += "<tr data-name=\"\(escapeHTML(n))\"><td><a href=\"\(Page.link(n))\">\(escapeHTML(e.title))</a><div class=\"muted\">\(escapeHTML(n))</div></td>"
                + "<td>\(escapeHTML(e.kind.title))</td><td>\(escapeHTML(e.year ?? ""))</td><td class=\"when\">\(Page.date(e.entry.modified))</td><td>\(state)</td><td class=\"actions\">\(actions)</td></tr>"
        }
        let trash = store.deletedNames()
        var trashHTML = ""
        if !trash.isEmpty {
            trashHTML = "<h2>Корзина</h2><ul class=\"trash\">" + trash.map { n in
                let v = store.versions(of: n).first?.id ?? ""
                return "<li>\(escapeHTML(n)) " + Page.button("Восстановить", action: Page.link(n, "/restore"), session: s, fields: [("version", v)]) + "</li>"
            }.joined() + "</ul>"
        }
        let body = """
        \(Page.done(query(r, "done"), name: query(r, "name")))
        <h1>Документы</h1>
        <p class="muted">Папка: \(escapeHTML(store.folder)). Каждый документ — файл этой папки; прежние версии — в папке «история».</p>
        <table class="list" id="documents"><thead><tr><th>Документ</th><th>Вид</th><th>Год</th><th>Изменён</th><th>Состояние</th><th></th></tr></thead>
        <tbody>\(rows)</tbody></table>
        <div class="cards">
        <form method="post" action="/new" class="card" id="new-plan">\(Page.csrf(s))<h2>Новый план</h2>
        <label>Имя файла <input name="name" placeholder="план-2026-2027.yaml"></label>
        <label>Учебный год <input name="year" placeholder="2026-2027"></label>
        <button>Создать план</button></form>
        <form method="post" action="/import" enctype="multipart/form-data" class="card" id="import">\(Page.csrf(s))<h2>План из Word или LibreOffice</h2>
        <p class="muted">Готовый план (.docx или .odt) читается в поля редактора.</p>
        <input type="file" name="file" accept=".docx,.odt" required><button>Прочитать план</button></form>
        <form method="post" action="/upload" enctype="multipart/form-data" class="card" id="upload">\(Page.csrf(s))<h2>Загрузить файл</h2>
        <p class="muted">Шаблон района (.docx, .odt), таблица заказа или статистики (.xlsx, .csv), данные (.yaml).</p>
        <input type="file" name="file" accept=".docx,.odt,.xlsx,.csv,.yaml,.yml,.json" required><button>Загрузить</button></form>
        </div>
        \(trashHTML)
        """
        return Page.html(Page.layout("Документы", session: s, loggedIn: options.password != nil, body: body))
    }

    /// A new plan from the minimal text the format accepts.
    func create(_ r: Request, _ ctx: WebContext) async throws -> Response {
        let form = try await form(r, ctx)
        let year = (form["year"] ?? "").trimmingCharacters(in: .whitespaces)
        let schoolYear = Self.schoolYear(year) ?? Self.currentSchoolYear()
        var wanted = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        if wanted.isEmpty { wanted = "план-\(schoolYear).yaml" }
        if !wanted.lowercased().hasSuffix(".yaml") && !wanted.lowercased().hasSuffix(".yml") { wanted += ".yaml" }
        if let p = DocumentStore.nameProblem(wanted) { throw WebFailure(.badRequest, "Недопустимое имя", [p]) }
        let text = """
        вид: РМО
        учебный_год: "\(schoolYear)"
        заголовок:
          - План работы РМО школьных библиотекарей на \(schoolYear) учебный год
        таблица:
          мероприятия:
            - текст: Заседание РМО
              сроки: Август

        """
        let name = store.uniqueName(wanted)
        do { _ = try store.write(name, bytes: Array(text.utf8), expected: nil) } catch { throw failure(error, "План не создан") }
        return Page.redirect(Page.link(name) + "?done=created&name=" + Page.percentEncoded(name))
    }

    /// «2026/27», «2026-2027», «2026» → «2026-2027»; nil when no year is typed.
    static func schoolYear(_ typed: String) -> String? {
        guard let m = typed.firstMatch(of: /(\d{4})/), let y = Int(m.1), (1990...2200).contains(y) else { return nil }
        return "\(y)-\(y + 1)"
    }

    /// The school year a new plan is for: from June on, the one that starts this year.
    static func currentSchoolYear() -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        let y = (c.year ?? 2026) - ((c.month ?? 9) < 6 ? 1 : 0)
        return "\(y)-\(y + 1)"
    }

    /// A Word or ODT plan read into a new plan file.
    func importPlan(_ r: Request, _ ctx: WebContext) async throws -> Response {
        let form = try await form(r, ctx)
        guard let file = form.uploads.first(where: { !$0.bytes.isEmpty }) else {
            throw WebFailure(.badRequest, "Нет файла", [Problem(code: .webUpload, message: LocalizedText(ru: "файл не выбран", en: "no file chosen"), hint: LocalizedText(ru: "Выберите план в .docx или .odt.", en: "Choose a .docx or .odt plan."))])
        }
        let store = self.store
        return try await blocking {
            let plan: ImportedPlan
            do { plan = try PlanImport.read(file.bytes) } catch { throw failure(Problems(problemItems(error).inFile(file.fileName)), "План не прочитан") }
            let text = PlanImport.yaml(plan, source: file.fileName)
            var base = (file.fileName as NSString).deletingPathExtension
            if base.isEmpty || DocumentStore.nameProblem(base + ".yaml") != nil { base = "импорт" }
            let name = store.uniqueName(base + ".yaml")
            do { _ = try store.write(name, bytes: Array(text.utf8), expected: nil) } catch { throw failure(error, "План не сохранён") }
            return Page.redirect(Page.link(name) + "?done=imported&name=" + Page.percentEncoded(file.fileName))
        }
    }

    /// A district template, a table or data, checked as the command line checks its inputs.
    func upload(_ r: Request, _ ctx: WebContext) async throws -> Response {
        let form = try await form(r, ctx)
        guard let file = form.uploads.first(where: { !$0.bytes.isEmpty }) else {
            throw WebFailure(.badRequest, "Нет файла", [Problem(code: .webUpload, message: LocalizedText(ru: "файл не выбран", en: "no file chosen"), hint: LocalizedText(ru: "Выберите файл.", en: "Choose a file."))])
        }
        if let p = DocumentStore.nameProblem(file.fileName) { throw WebFailure(.badRequest, "Недопустимое имя файла", [p]) }
        let store = self.store
        return try await blocking {
            let ext = (file.fileName as NSString).pathExtension.lowercased()
            do {
                switch ext {
                case "docx", "odt": _ = try DocumentTemplate(bytes: file.bytes)
                case "csv", "xlsx": _ = try SpreadsheetLoader.table(bytes: file.bytes)
                default: _ = try DataLoader.load(file.bytes)
                }
            } catch {
                throw failure(Problems(problemItems(error).inFile(file.fileName)), "Файл не принят")
            }
            let name = store.uniqueName(file.fileName)
            do { _ = try store.write(name, bytes: file.bytes, expected: nil) } catch { throw failure(error, "Файл не сохранён") }
            return Page.redirect(Page.link(name) + "?done=uploaded&name=" + Page.percentEncoded(name))
        }
    }
}

extension Problems {
    func inFile(_ f: String) -> Problems { Problems(items.inFile(f)) }
}
