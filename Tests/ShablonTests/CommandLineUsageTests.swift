import Foundation
import Testing

/// The command line as a new user meets it: mistakes said in Russian with what was probably meant,
/// exit status 2 and `--format json` for every usage error, help in Russian, `--version`.
@Suite struct CommandLineUsage {
    /// The one `error[…]` line of a usage error.
    func usageError(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let r = try CLI.run(arguments)
        #expect(r.status == 2, "\(arguments): \(r)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "\(r)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    @Test func aMisspeltCommandIsNamedWithTheOneMeant() throws {
        let r = try usageError(["rendr", "a", "b"])
        #expect(r.errors == ["usage-unknown-command"])
        #expect(r.stderr.contains("неизвестная команда «rendr». Возможно, имелось в виду «render»."), "\(r)")
        // A swap of two letters, and its arguments are not taken for the root's options.
        let plan = try usageError(["plna", "x.yaml", "-o", "y.pdf"])
        #expect(plan.stderr.contains("неизвестная команда «plna». Возможно, имелось в виду «plan»."), "\(plan)")
        #expect(!plan.stderr.contains("-o"), "\(plan)")
        let nested = try usageError(["templates", "exprot", "plan"])
        #expect(nested.stderr.contains("Возможно, имелось в виду «export»"), "\(nested)")
        let en = try usageError(["rendr", "a", "b", "--lang", "en"])
        #expect(en.stderr.contains("unknown command 'rendr'. Did you mean 'render'?"), "\(en)")
    }

    @Test func aMisspeltOptionIsNamedWithTheOneMeant() throws {
        let r = try usageError(["render", "t.docx", "d.yaml", "--outptu", "x.docx"])
        #expect(r.errors == ["usage-unknown-option"])
        #expect(r.stderr.hasPrefix("error[usage-unknown-option]: у команды «render» нет параметра «--outptu». Возможно, имелось в виду «--output»: -o, --output <путь> — Выходной файл"), "\(r)")
        let single = try usageError(["plan", "d.yaml", "-output", "x.docx"])
        #expect(single.stderr.contains("Возможно, имелось в виду «--output»"), "\(single)")
    }

    @Test func missingAndExtraArgumentsInRussian() throws {
        let missing = try usageError(["plan", "x.yaml"])
        #expect(missing.stderr.hasPrefix("error[usage-missing-argument]: не указан параметр -o <путь>. -o, --output <путь> — Выходной файл: .docx, .odt или .pdf."), "\(missing)")
        let noValue = try usageError(["plan", "x.yaml", "-o"])
        #expect(noValue.errors == ["usage-missing-value"])
        #expect(noValue.stderr.contains("после «-o» нет значения"), "\(noValue)")
        let argument = try usageError(["render", "t.docx"])
        #expect(argument.stderr.contains("не указан аргумент <данные>"), "\(argument)")
        let extra = try usageError(["render", "a", "b", "c", "d", "e", "-o", "x.docx"])
        #expect(extra.stderr.hasPrefix("error[usage-extra-argument]: 3 лишних аргумента: «c», «d», «e»."), "\(extra)")
        let one = try usageError(["render", "a", "b", "c", "-o", "x.docx"])
        #expect(one.stderr.hasPrefix("error[usage-extra-argument]: лишний аргумент «c»."), "\(one)")
        let value = try usageError(["batch", "t.docx", "d.csv", "--name", "x", "-o", "o", "--to", "xml"])
        #expect(value.stderr.hasPrefix("error[usage-bad-value]: значение «xml» не подходит для --to. Можно: docx, odt, pdf."), "\(value)")
        let number = try usageError(["render", "a", "b", "-o", "x.docx", "--max-entry-size", "много"])
        #expect(number.stderr.contains("Нужно целое число"), "\(number)")
        let lang = try usageError(["render", "a", "b", "-o", "x.docx", "--lang", "de"])
        #expect(lang.stderr.hasPrefix("error[usage]: --lang: ru или en."), "\(lang)")
    }

    @Test func usageErrorsAsJSON() throws {
        for args in [["rendr", "a"], ["plan", "x.yaml"], ["render", "a", "b", "--outptu", "x"], ["render", "a", "b", "c", "-o", "x.docx"]] {
            let r = try CLI.run(args + ["--format", "json"])
            #expect(r.status == 2, "\(r)")
            let items = try #require(try JSONSerialization.jsonObject(with: Data(r.stderr.utf8)) as? [[String: Any]], "\(r)")
            #expect(items.count == 1)
            #expect((items.first?["severity"] as? String) == "error")
            #expect(["usage-unknown-command", "usage-missing-argument", "usage-unknown-option", "usage-extra-argument"].contains(items.first?["code"] as? String ?? ""))
            #expect((items.first?["message"] as? String)?.isEmpty == false)
        }
    }

    @Test func versionAndHelpExitZero() throws {
        let v = try CLI.run(["--version"])
        #expect(v.status == 0)
        #expect(v.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(v)")
        for args in [["--help"], ["-h"], [], ["help"], ["help", "plan"], ["plan", "--help"], ["templates"], ["templates", "export", "-h"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0, "\(args): \(r)")
            #expect(r.stdout.hasPrefix("ОПИСАНИЕ: "), "\(args): \(r)")
            #expect(!r.stdout.contains("OVERVIEW") && !r.stdout.contains("Show help information"), "\(args): \(r)")
        }
        #expect(try CLI.run(["help", "plan"]).stdout == (try CLI.run(["plan", "--help"])).stdout)
    }

    /// The help names no file a person with only the program does not have.
    @Test func helpNamesNoFileOfTheSources() throws {
        let paths = [[], ["render"], ["check"], ["inspect"], ["plan"], ["import"], ["next-year"], ["analysis"], ["spec"], ["batch"], ["templates"],
                     ["templates", "list"], ["templates", "export"], ["serve"]]
        for p in paths {
            let r = try CLI.run(p + ["--help"])
            #expect(r.status == 0)
            for word in ["docs/", "templates/", ".md", "examples/"] {
                #expect(!r.stdout.contains(word), "shablon \(p.joined(separator: " ")) --help names \(word)")
            }
        }
    }

    /// Whole screens, as ArgumentParser's own examples pin theirs.
    @Test func theFirstScreen() throws {
        let r = try CLI.run(["--help"])
        #expect(r.stdout == """
        ОПИСАНИЕ: Заполняет шаблоны DOCX и ODT данными: планы, анализы и спецификации
        школьных библиотекарей.

        ЗАПУСК: shablon <команда>

        ПАРАМЕТРЫ:
          --version   Показывает версию.
          -h, --help  Показывает эту справку.

        КОМАНДЫ:
          render      Заполняет шаблон DOCX или ODT данными из YAML или JSON.
          check       Проверяет шаблон (и, если даны, данные к нему) и сообщает обо всех
                      ошибках сразу.
          inspect     Показывает теги и блоки шаблона и печатает заготовку данных
                      (YAML), подходящую к нему; для шаблона плана — поля плана, которые
                      он видит.
          plan        Составляет план работы на учебный год с грифом «УТВЕРЖДАЮ» из
                      данных плана (YAML или JSON).
          import      Читает план, набранный в Word или LibreOffice (.docx, .odt), в
                      данные плана (YAML) для shablon plan.
          next-year   Переносит план на следующий учебный год: годы и даты, очищенные
                      гриф и протокол (файл правится точечно, комментарии остаются).
          analysis    Составляет анализ работы за учебный год: итоги плана, заседания,
                      конкурсы, статистика библиотек и обеспеченность учебниками с
                      диаграммами.
          spec        Составляет спецификации к контрактам, по одной на издательство, из
                      централизованного заказа учебников (CSV или XLSX).
          batch       Заполняет шаблон для каждой строки таблицы (CSV, XLSX или список
                      YAML/JSON): один документ на строку.
          templates   Встроенные шаблоны: список и копия для правки.
          serve       Открывает страницу в браузере: список документов, редактор плана,
                      просмотр страниц, DOCX и PDF.

          Справка по команде: shablon <команда> --help.

        """)
    }

    @Test func theExportScreenInRussianAndInEnglish() throws {
        let ru = try CLI.run(["templates", "export", "--help"])
        #expect(ru.stdout.hasPrefix("""
        ОПИСАНИЕ: Сохраняет копию встроенного шаблона, чтобы изменить её в Word или
        LibreOffice.

        ЗАПУСК: shablon templates export <имя> -o <путь> [<параметры>]

        АРГУМЕНТЫ:
          <имя>                     Имя шаблона (см. shablon templates list).

        ПАРАМЕТРЫ:
          -o, --output <путь>       Куда сохранить: файл .docx или .odt.
          --force                   Заменить файл, если он уже есть (без этого флага
                                    существующий файл не трогается).
          -h, --help                Показывает эту справку.

        СООБЩЕНИЯ:
          --lang <язык>             Язык сообщений и справки: ru или en. (по умолчанию:
                                    ru)
          --format <text|json>      Формат сообщений: text (по умолчанию) или json.

        ПРЕДЕЛЫ:

        """), "\(ru.stdout)")
        let en = try CLI.run(["templates", "export", "--help", "--lang", "en"])
        #expect(en.stdout.hasPrefix("""
        OVERVIEW: Saves a copy of a built-in template to change in Word or LibreOffice.

        USAGE: shablon templates export <name> -o <output> [<options>]

        ARGUMENTS:
          <name>                      The template's name (see shablon templates list).

        OPTIONS:
          -o, --output <output>       Where to save it: a .docx or .odt file.
          --force                     Replace the file if it exists (without this flag
                                      an existing file is left alone).
          -h, --help                  Show this help.

        MESSAGES:
        """), "\(en.stdout)")
    }

    /// `--lang en`: the whole help in English, every text of every command included.
    @Test func helpInEnglish() throws {
        let paths = [[], ["render"], ["check"], ["inspect"], ["plan"], ["import"], ["next-year"], ["analysis"], ["spec"], ["batch"], ["templates"],
                     ["templates", "list"], ["templates", "export"], ["serve"]]
        for p in paths {
            let r = try CLI.run(["--lang", "en"] + p + ["--help"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout.hasPrefix("OVERVIEW: "), "\(p): \(r)")
            // Russian only in names, values and examples: «…», {{школа}}, the fields of --column.
            let prose = r.stdout.replacingOccurrences(of: #"«[^»]*»|\{\{[^}]*\}\}|fields: [^)]*"#, with: "", options: .regularExpression)
            #expect(prose.range(of: "[а-яА-ЯёЁ]{4,}", options: .regularExpression) == nil,
                    "shablon \(p.joined(separator: " ")) --help --lang en has Russian: \(prose)")
        }
    }

    @Test func exportNeverReplacesAnEditedTemplateUnasked() throws {
        let dir = TempDir()
        let mine = dir.write("план-район.docx", "мой шаблон, правленный весь вечер")
        let before = FileSnapshot(mine)
        let r = try CLI.run(["templates", "export", "plan", "-o", mine])
        #expect(r.status == 2, "\(r)")
        #expect(r.errors == ["output-exists"])
        #expect(r.stderr.contains("--force"))
        #expect(FileSnapshot(mine) == before)
        let forced = try CLI.run(["templates", "export", "plan", "-o", mine, "--force"])
        #expect(forced.status == 0, "\(forced)")
        #expect(FileSnapshot(mine) != before)
        #expect(dir.listing == ["план-район.docx"])
    }

    /// The exported plan template checked against a plan as `shablon plan` fills it: no false missing values.
    @Test func checkAndInspectAPlanTemplate() throws {
        let dir = TempDir()
        let template = dir.file("план-район.docx")
        #expect(try CLI.run(["templates", "export", "plan", "-o", template]).status == 0)
        let plan = dir.write("план.yaml", "учебный_год: 2024-2025\nвид: РМО\nтема: Чтение\n")
        for args in [["check", "--plan", template, plan], ["check", template, plan]] {
            let r = try CLI.run(args)
            #expect(r.status == 0, "\(args): \(r)")
            #expect(r.errors.isEmpty && !r.warnings.contains("unused-field"), "\(r)")
            #expect(r.stdout.contains("ошибок не найдено"))
        }
        // Data that is not a plan, given as a plan: the plan's own messages.
        let notPlan = dir.write("данные.yaml", "школа: СОШ № 1\n")
        let wrong = try CLI.run(["check", "--plan", template, notPlan])
        #expect(wrong.status == 1, "\(wrong)")
        #expect(wrong.stderr.contains(notPlan), "\(wrong)")
        // `inspect`: the plan's fields the template sees, not a skeleton `shablon plan` would refuse.
        let i = try CLI.run(["inspect", template])
        #expect(i.status == 0, "\(i)")
        #expect(i.stdout.contains("# Поля плана, которые видит шаблон:"), "\(i)")
        #expect(i.stdout.contains("утверждение.строки — список: строки грифа"), "\(i)")
        #expect(!i.stdout.contains("# Заготовка данных"), "\(i)")
        #expect(!i.stdout.contains("нет среди полей плана"), "\(i)")
    }
}
