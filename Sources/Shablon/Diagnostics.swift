import ShablonData
import ShablonXML
import ShablonZip
import ShablonRussian

extension ZipError {
    /// The error as a problem with a stable code and a message a person can act on.
    func problem() -> Problem {
        let entry = self.entry.map { "«\($0)»" } ?? ""
        func p(_ code: Problem.Code, _ ru: String, _ en: String, _ hru: String, _ hen: String) -> Problem {
            Problem(code: code, part: self.entry, message: LocalizedText(ru: ru, en: en), hint: LocalizedText(ru: hru, en: hen))
        }
        /// «268435456 байт», "1 byte": the detail is a count of bytes.
        func bytes(_ detail: String) -> (ru: String, en: String) {
            guard let n = Int(detail) else { return ("\(detail) байт", "\(detail) bytes") }
            return (Counted.bytes.ru(n), Counted.bytes.en(n))
        }
        switch kind {
        case .notZip:
            return p(.notAPackage, "файл не является документом DOCX или ODT (это не zip-архив)",
                     "the file is not a DOCX or ODT document (not a zip archive)",
                     "Откройте файл в Word или LibreOffice и сохраните как .docx или .odt.",
                     "Open the file in Word or LibreOffice and save it as .docx or .odt.")
        case .damaged:
            return p(.damagedPackage, "документ повреждён или обрезан (\(detail))", "the document is damaged or truncated (\(detail))",
                     "Возьмите исходный файл заново: он мог не докачаться или повредиться при пересылке.",
                     "Get the original file again: it may have been cut short or damaged in transfer.")
        case .unsafeName:
            return p(.unsafeEntryName, "в архиве есть опасное имя части \(entry) (абсолютный путь или «..»)",
                     "the archive holds an unsafe entry name \(entry) (an absolute path or '..')",
                     "Такой файл не мог сохранить текстовый редактор; не используйте его как шаблон.",
                     "No word processor writes such a file; do not use it as a template.")
        case .duplicateName:
            return p(.duplicateEntry, "часть \(entry) встречается в архиве дважды", "entry \(entry) appears twice in the archive",
                     "Пересохраните документ в Word или LibreOffice.", "Save the document again in Word or LibreOffice.")
        case .entryTooLarge:
            return p("entry-too-large", "часть \(entry) при распаковке больше допустимого (\(bytes(detail).ru))",
                     "entry \(entry) inflates beyond the limit (\(bytes(detail).en))",
                     "Это похоже на zip-бомбу. Если документ настоящий, поднимите предел: --max-entry-size.",
                     "This looks like a zip bomb. If the document is genuine, raise the limit: --max-entry-size.")
        case .packageTooLarge:
            return p("package-too-large", "документ при распаковке больше допустимого (\(bytes(detail).ru))",
                     "the document inflates beyond the limit (\(bytes(detail).en))",
                     "Если документ настоящий, поднимите предел: --max-package-size.",
                     "If the document is genuine, raise the limit: --max-package-size.")
        case .ratioTooHigh:
            return p(.compressionRatio, "часть \(entry) сжата подозрительно сильно (\(detail))",
                     "entry \(entry) is suspiciously highly compressed (\(detail))",
                     "Это похоже на zip-бомбу. Если документ настоящий, поднимите предел: --max-ratio.",
                     "This looks like a zip bomb. If the document is genuine, raise the limit: --max-ratio.")
        case .tooManyEntries:
            return p(.tooManyEntries, "в документе слишком много частей (\(detail))", "the document has too many entries (\(detail))",
                     "Если документ настоящий, поднимите предел: --max-entries.", "If the document is genuine, raise the limit: --max-entries.")
        case .encrypted:
            return p(.encrypted, "документ защищён паролем", "the document is password-protected",
                     "Снимите пароль (Файл → Сведения → Защита документа) и сохраните заново.",
                     "Remove the password and save the document again.")
        case .unsupportedCompression:
            return p(.unsupportedCompression, "часть \(entry) сжата неизвестным способом", "entry \(entry) uses an unknown compression method",
                     "Пересохраните документ в Word или LibreOffice.", "Save the document again in Word or LibreOffice.")
        case .missingEntry:
            return p(.missingPart, "в документе нет части \(entry)", "the document has no part \(entry)",
                     "Пересохраните документ в Word или LibreOffice.", "Save the document again in Word or LibreOffice.")
        case .writeFailed:
            return p(.writeFailed, "не удалось собрать документ (\(detail))", "could not assemble the document (\(detail))",
                     "Проверьте место на диске и повторите.", "Check the free disk space and try again.")
        }
    }
}

extension XMLParseError {
    /// The error as a problem in the given part.
    func problem(part: String) -> Problem {
        let loc: ProblemLocation? = line > 0 ? .text(line: line, column: max(column, 1)) : nil
        switch kind {
        case .doctype:
            return Problem(code: .xmlDoctype, part: part, location: loc,
                           message: LocalizedText(ru: "часть содержит объявление DOCTYPE; из соображений безопасности такие файлы не читаются",
                                                  en: "the part declares a DOCTYPE; such files are refused for safety"),
                           hint: LocalizedText(ru: "Документы Word и LibreOffice DOCTYPE не содержат: пересохраните файл в редакторе.",
                                               en: "Word and LibreOffice documents have no DOCTYPE: save the file again in an editor."))
        case .empty:
            return Problem(code: .xmlMalformed, part: part,
                           message: LocalizedText(ru: "часть пуста", en: "the part is empty"),
                           hint: LocalizedText(ru: "Пересохраните документ в Word или LibreOffice.", en: "Save the document again in Word or LibreOffice."))
        case .tooDeep:
            return Problem(code: "xml-too-deep", part: part, location: loc,
                           message: LocalizedText(ru: "элементы XML вложены глубже \(Counted.levelsOf.ru(XMLParser.maxDepth)): так глубоко часть не читается",
                                                  en: "XML elements are nested more than \(Counted.levelsOf.en(XMLParser.maxDepth)) deep: the part is not read"),
                           hint: LocalizedText(ru: "Документы Word и LibreOffice так глубоко не вкладываются: пересохраните файл в редакторе или уменьшите вложенность таблиц и рамок.",
                                               en: "Word and LibreOffice documents do not nest this deep: save the file again in an editor or nest fewer tables and frames."))
        case .tooLarge:
            return Problem(code: "xml-too-large", part: part, location: loc,
                           message: LocalizedText(ru: "часть слишком велика: в ней больше \(Int(detail).map(Counted.nodesOf.ru) ?? detail + " узлов") XML (элементов, атрибутов, кусков текста)",
                                                  en: "the part is too large: it holds more than \(detail) XML \(Int(detail).map(Counted.nodesOf.enWord) ?? "nodes") (elements, attributes, pieces of text)"),
                           hint: LocalizedText(ru: "Такой объём бывает у раздутого или вредоносного файла. Если документ настоящий, поднимите предел: --max-xml-nodes.",
                                               en: "A bloated or hostile file looks like this. If the document is genuine, raise the limit: --max-xml-nodes."))
        case .malformed:
            return Problem(code: .xmlMalformed, part: part, location: loc,
                           message: LocalizedText(ru: "часть повреждена: XML не читается (\(detail))", en: "the part is damaged: XML is not well-formed (\(detail))"),
                           hint: LocalizedText(ru: "Пересохраните документ в Word или LibreOffice.", en: "Save the document again in Word or LibreOffice."))
        }
    }
}
