import Foundation
import ShablonData

/// The problems of the folder of documents, in Russian (and English), each with what to do.
enum StoreProblems {
    static func one(_ code: Problem.Code, _ file: String?, _ ru: String, _ en: String, _ hru: String, _ hen: String) -> Problems {
        Problems([Problem(code: code, file: file, message: LocalizedText(ru: ru, en: en), hint: LocalizedText(ru: hru, en: hen))])
    }

    /// A size as a person reads it: «64 МБ» for whole mebibytes, bytes otherwise.
    static func size(_ n: Int) -> (ru: String, en: String) {
        if n >= 1 << 20 && n % (1 << 20) == 0 { return ("\(n >> 20) МБ", "\(n >> 20) MB") }
        if n >= 1 << 10 && n % (1 << 10) == 0 { return ("\(n >> 10) КБ", "\(n >> 10) KB") }
        return ("\(n) байт", "\(n) bytes")
    }

    static func name(_ name: String, _ ru: String, _ en: String) -> Problem {
        Problem(code: .webName, file: name,
                message: LocalizedText(ru: "имя документа не подходит: \(ru)", en: "the document's name is not acceptable: \(en)"),
                hint: LocalizedText(ru: "Дайте документу другое имя: одно имя файла без папок, с расширением .yaml, .yml, .json, .csv, .xlsx, .docx или .odt.",
                                    en: "Give the document another name: one file name without folders, ending in .yaml, .yml, .json, .csv, .xlsx, .docx or .odt."))
    }

    static func exists(_ name: String) -> Problems {
        one(.webExists, name, "документ «\(name)» уже есть", "document '\(name)' already exists",
            "Дайте новому документу другое имя или откройте существующий.", "Give the new document another name or open the existing one.")
    }

    static func conflict(_ name: String, deleted: Bool) -> Problems {
        deleted
            ? one(.webConflict, name, "документ «\(name)» удалили, пока вы его правили", "document '\(name)' was deleted while you were editing it",
                  "Ваш текст не потерян: страница показывает его — скопируйте его; удалённый документ можно восстановить из корзины.",
                  "Your text is not lost: the page shows it — copy it; the deleted document can be restored from the trash.")
            : one(.webConflict, name, "документ «\(name)» кто-то сохранил, пока вы его правили", "someone saved '\(name)' while you were editing it",
                  "Ваш текст не потерян: страница показывает обе версии — скопируйте свой текст в новую.",
                  "Your text is not lost: the page shows both versions — copy your text into the new one.")
    }

    static func notFound(_ name: String) -> Problems {
        one(.webNotFound, name, "документа «\(name)» нет", "there is no document '\(name)'",
            "Обновите список документов: его могли удалить или переименовать.", "Reload the list of documents: it may have been deleted or renamed.")
    }

    static func versionNotFound(_ name: String, _ id: String) -> Problems {
        one(.webNotFound, name, "у документа «\(name)» нет версии «\(id)»", "document '\(name)' has no version '\(id)'",
            "Обновите список версий.", "Reload the list of versions.")
    }

    static func tooLarge(_ name: String, limit: Int) -> Problems {
        let s = size(limit)
        return one(.webTooLarge, name, "документ «\(name)» больше допустимого (\(s.ru))", "document '\(name)' is larger than the limit (\(s.en))",
                   "Проверьте, тот ли это файл; предел поднимается при запуске: shablon serve --max-upload.",
                   "Check that this is the right file; the limit is raised at start: shablon serve --max-upload.")
    }

    static func tooManyFiles(_ folder: String, limit: Int) -> Problems {
        one(.webTooManyFiles, folder, "в папке документов больше \(limit) файлов", "the folder has more than \(limit) files",
            "Уберите лишние файлы в другую папку или запустите shablon serve с папкой только для документов объединения.",
            "Move the extra files to another folder or start shablon serve on a folder of the association's documents only.")
    }

    static func link(_ name: String) -> Problems {
        one(.webLink, name, "«\(name)» — символическая ссылка: веб-страница не открывает ссылки (они могут вести за пределы папки)",
            "'\(name)' is a symbolic link: the web page does not follow links (they may lead outside the folder)",
            "Положите в папку сам файл вместо ссылки.", "Put the file itself into the folder instead of the link.")
    }

    static func notAFile(_ name: String) -> Problems {
        one(.webStore, name, "«\(name)» — не обычный файл (папка или устройство)", "'\(name)' is not a regular file (a folder or a device)",
            "Уберите его из папки документов или переименуйте.", "Move it out of the folder of documents or rename it.")
    }

    static func notAFolder(_ path: String) -> Problems {
        one(.webStore, path, "«\(path)» — файл, а не папка", "'\(path)' is a file, not a folder",
            "Укажите папку документов (её можно создать заново: shablon serve НОВАЯ_ПАПКА).",
            "Name a folder of documents (a new one is created: shablon serve NEW_FOLDER).")
    }

    static func folderFailed(_ path: String, _ e: Int32) -> Problems {
        let reason = String(cString: strerror(e))
        return one(.webStore, path, "папка документов не открывается: \(reason)", "the folder of documents cannot be opened: \(reason)",
                   "Проверьте путь и права на папку.", "Check the path and the folder's permissions.")
    }

    static func lockFailed(_ path: String, _ e: Int32) -> Problems {
        let reason = String(cString: strerror(e))
        return one(.webStore, path, "не удалось занять папку документов для записи (\(reason))", "could not lock the folder of documents (\(reason))",
                   "Проверьте права на папку «история» и место на диске.", "Check the permissions of the folder «история» and free space.")
    }

    static func readFailed(_ name: String, _ e: Int32) -> Problems {
        let reason = String(cString: strerror(e))
        return one(.readFailed, name, "документ не читается: \(reason)", "cannot read the document: \(reason)",
                   "Проверьте права на файл.", "Check the file's permissions.")
    }

    static func writeFailed(_ name: String, _ what: String, _ e: Int32) -> Problems {
        let reason = String(cString: strerror(e))
        return one(.writeFailed, name, "не удалось записать (\(what): \(reason))", "could not write (\(what): \(reason))",
                   "Проверьте права на папку и место на диске; прежняя версия не тронута.",
                   "Check the folder's permissions and free space; the previous version is untouched.")
    }
}
