/// The help's texts in English (`--lang en`), keyed by the Russian text the commands declare. A text
/// missing here is shown in Russian; a test keeps every text of every command in this table.
enum HelpEnglish {
    static let texts: [String: String] = [
        "Открывает страницу в браузере: список документов, редактор плана, просмотр страниц, DOCX и PDF.":
            "Opens a page in the browser: the list of documents, the plan editor, the pages as printed, DOCX and PDF.",
        "Без папки — ~/Shablon (при первом запуске туда кладутся примеры). По умолчанию страница видна только на этом компьютере; для других компьютеров — --host 0.0.0.0 и --password-file.":
            "Without a folder: ~/Shablon (the examples are put there on first start). By default the page is seen on this computer only; for other computers: --host 0.0.0.0 and --password-file.",
        "Папка документов (по умолчанию ~/Shablon).": "The documents' folder (~/Shablon by default).",
        "Адрес, на котором слушать: 127.0.0.1 — только этот компьютер; 0.0.0.0 — все (нужен --password-file).":
            "The address to listen on: 127.0.0.1 is this computer only; 0.0.0.0 is every one (needs --password-file).",
        "Порт (0 — любой свободный).": "The port (0: any free one).",
        "Файл с паролем (первая строка) для входа на страницу; обязателен, если страница видна другим компьютерам.":
            "A file with the password (its first line) to log in to the page; required when other computers see the page.",
        "Предел размера загружаемого файла, МиБ.": "The limit on an uploaded file's size, MiB.",
        "Заполняет шаблоны DOCX и ODT данными: планы, анализы и спецификации школьных библиотекарей.":
            "Fills DOCX and ODT templates with data: the plans, analyses and specifications of school librarians.",
        "Заполняет шаблон DOCX или ODT данными из YAML или JSON.": "Fills a DOCX or ODT template with data from YAML or JSON.",
        "Шаблон .docx или .odt.": "A .docx or .odt template.",
        "Данные: файл YAML или JSON; «-» — читать со стандартного ввода.": "The data: a YAML or JSON file; «-» reads standard input.",
        "Выходной файл: .docx, .odt (как шаблон) или .pdf.": "The output file: .docx, .odt (as the template) or .pdf.",
        "Отсутствующие в данных поля печатать пустыми, а не считать ошибкой.": "Print fields the data lacks as empty instead of failing.",
        "PDF в формате PDF/A-2b (для электронной подписи и архива).": "PDF as PDF/A-2b (for electronic signatures and archives).",
        "Язык сообщений и справки: ru или en.": "The language of messages and help: ru or en.",
        "Формат сообщений: text (по умолчанию) или json.": "The messages' format: text (the default) or json.",
        "Предел размера одной части документа после распаковки, МиБ.": "The limit on one part of a document when unpacked, MiB.",
        "Предел размера всего документа после распаковки, МиБ.": "The limit on a whole document when unpacked, MiB.",
        "Предел степени сжатия части документа.": "The limit on a part's compression ratio.",
        "Предел числа частей в документе.": "The limit on the number of parts in a document.",
        "Сколько секунд LibreOffice может преобразовывать один документ в PDF.": "How many seconds LibreOffice may take to convert one document to PDF.",
        "Предел размера одной части документа после заполнения, МиБ (всего документа — --max-package-size).":
            "The limit on one part of a document when filled, MiB (the whole document: --max-package-size).",
        "Предел числа узлов XML (элементов, атрибутов, кусков текста) в одной части шаблона.":
            "The limit on XML nodes (elements, attributes, pieces of text) in one part of a template.",
        "Предел числа значений в файле данных (YAML, JSON) и ячеек (строк × столбцов) в таблице (CSV, XLSX).":
            "The limit on values in a data file (YAML, JSON) and on cells (rows × columns) in a table (CSV, XLSX).",
        "Сколько памяти (МиБ) может занять один LibreOffice, делающий PDF; занявший больше перезапускается.":
            "How much memory (MiB) one LibreOffice making PDF may take; one that takes more is restarted.",
        "Проверяет шаблон (и, если даны, данные к нему) и сообщает обо всех ошибках сразу.":
            "Checks a template (and its data, if given) and reports every problem at once.",
        "Шаблон плана проверяется с данными плана так, как его заполнит shablon plan: shablon check --plan план-район.docx план.yaml (шаблон плана с данными плана узнаётся и без --plan).":
            "A plan template is checked with a plan's data as shablon plan fills it: shablon check --plan district-plan.docx plan.yaml (a plan template with a plan is recognised without --plan too).",
        "Данные YAML или JSON (необязательно): проверить, что их хватает шаблону; таблица CSV или XLSX проверяется, как её заполняет batch, — каждая строка.":
            "YAML or JSON data (optional): check that the template finds all it needs; a CSV or XLSX table is checked as batch fills it, every row.",
        "Шаблон — шаблон плана, данные — план: проверить так, как план заполнит shablon plan.":
            "The template is a plan template and the data a plan: check as shablon plan fills it.",
        "Показывает теги и блоки шаблона и печатает заготовку данных (YAML), подходящую к нему; для шаблона плана — поля плана, которые он видит.":
            "Shows a template's tags and blocks and prints a data skeleton (YAML) that fits it; for a plan template, the plan's fields it sees.",
        "Шаблон — шаблон плана: вместо заготовки данных перечислить поля плана, которые он видит (шаблон плана узнаётся и без флага).":
            "The template is a plan template: list the plan's fields it sees instead of a data skeleton (a plan template is recognised without the flag too).",
        "Составляет план работы на учебный год с грифом «УТВЕРЖДАЮ» из данных плана (YAML или JSON).":
            "Writes the annual work plan with the «УТВЕРЖДАЮ» stamp from a plan's data (YAML or JSON).",
        "Свой вид плана: shablon templates export plan -o план-район.docx, правка в Word или LibreOffice, проверка — shablon check план-район.docx план.yaml, затем shablon plan план.yaml -o план.pdf --template план-район.docx.":
            "A plan of your own look: shablon templates export plan -o district-plan.docx, edit it in Word or LibreOffice, check it with shablon check district-plan.docx plan.yaml, then shablon plan plan.yaml -o plan.pdf --template district-plan.docx.",
        "Данные плана: YAML или JSON; «-» — стандартный ввод.": "The plan's data: YAML or JSON; «-» is standard input.",
        "Выходной файл: .docx, .odt или .pdf.": "The output file: .docx, .odt or .pdf.",
        "Свой шаблон .docx или .odt вместо встроенного (см. shablon templates export plan).":
            "Your own .docx or .odt template instead of the built-in one (see shablon templates export plan).",
        "Составляет анализ работы за учебный год: итоги плана, заседания, конкурсы, статистика библиотек и обеспеченность учебниками с диаграммами.":
            "Writes the year-end analysis: the plan's outcome, meetings, contests, library statistics and textbook supply, with charts.",
        "С --schools-data записывает ещё и данные каждой школы (JSON) для отчётов школ: shablon templates export school-report -o отчёт.docx, затем shablon batch отчёт.docx ШКОЛЫ.json --name \"{{школа}}\" -o ПАПКА.":
            "With --schools-data it also writes each school's data (JSON) for the schools' reports: shablon templates export school-report -o report.docx, then shablon batch report.docx SCHOOLS.json --name \"{{школа}}\" -o FOLDER.",
        "Данные анализа: YAML или JSON; «-» — стандартный ввод (тогда пути к плану и таблицам — от текущей папки).":
            "The analysis data: YAML or JSON; «-» is standard input (then the plan's and tables' paths are from the current folder).",
        "Свой шаблон .docx или .odt вместо встроенного (см. shablon templates export analysis).":
            "Your own .docx or .odt template instead of the built-in one (see shablon templates export analysis).",
        "Куда записать данные школ (JSON) для отчётов школ через shablon batch.": "Where to write the schools' data (JSON) for the schools' reports with shablon batch.",
        "Составляет спецификации к контрактам, по одной на издательство, из централизованного заказа учебников (CSV или XLSX).":
            "Writes contract specifications, one per publisher, from a centralized textbook order (CSV or XLSX).",
        "Одинаковые учебники (№ в ФПУ, класс, цена) суммируются по школам; НДС 10 % в том числе; к каждой спецификации — разнарядка по школам. В папке появляются файлы «Спецификация — ИЗДАТЕЛЬСТВО.docx» и «Сводка по контрактам.csv»; сводка печатается и на экран.":
            "The same textbooks (FPU number, grade, price) are summed over the schools; VAT 10 % included; each specification has the schools' distribution. The folder gets «Спецификация — PUBLISHER.docx» files and «Сводка по контрактам.csv»; the summary is printed too.",
        "Заказ: CSV (Windows-1251 или UTF-8, «;» или «,») или книга XLSX.": "The order: CSV (Windows-1251 or UTF-8, «;» or «,») or an XLSX workbook.",
        "Папка для спецификаций; создаётся, если её нет (но есть папка над ней).": "The folder for the specifications; made if missing (its parent must exist).",
        "Сведения о контрактах: номера, даты, заказчик и поставщики (YAML).": "The contracts' details: numbers, dates, customer and suppliers (YAML).",
        "Свой шаблон .docx или .odt вместо встроенного (см. shablon templates export specification).":
            "Your own .docx or .odt template instead of the built-in one (see shablon templates export specification).",
        "Лист книги XLSX; по умолчанию первый.": "The XLSX sheet; the first by default.",
        "Переносит план на следующий учебный год: годы и даты, очищенные гриф и протокол (файл правится точечно, комментарии остаются).":
            "Moves a plan on to the next school year: years and dates, the approval and the protocol cleared (the file is edited in place, comments stay).",
        "Данные плана (YAML).": "The plan's data (YAML).",
        "Читает план, набранный в Word или LibreOffice (.docx, .odt), в данные плана (YAML) для shablon plan.":
            "Reads a plan typed in Word or LibreOffice (.docx, .odt) into plan data (YAML) for shablon plan.",
        "Всё нераспознанное остаётся в данных абзацами на своём месте, а в сообщениях — что проверить (номер абзаца и начало текста).":
            "Whatever is not recognised stays in the data as paragraphs in its place, and the messages say what to check (the paragraph's number and first words).",
        "Документ с планом: .docx или .odt.": "The plan document: .docx or .odt.",
        "Куда записать данные: файл .yaml («-» — стандартный вывод).": "Where to write the data: a .yaml file («-» for standard output).",
        "Куда записать план на следующий год (.yaml).": "Where to write next year's plan (.yaml).",
        "Карта столбцов (YAML) для выгрузки из другой системы: какой столбец что содержит, строка заголовков, лист, кодировка (образец — в руководстве, раздел «Карта столбцов»).":
            "A column map (YAML) for an export from another system: which column holds what, the header row, the sheet, the encoding (an example is in the guide, «Карта столбцов»).",
        "Столбец с непривычным заголовком: поле=Заголовок или поле=F (буква столбца); можно несколько раз; важнее карты --columns.":
            "A column with an unusual header: field=Header or field=F (the column's letter); may be repeated; overrides the --columns map.",
        "Столбец заказа с непривычным заголовком: поле=Заголовок (поля: школа, фпу, авторы, наименование, класс, издательство, год, количество, цена, сумма); можно несколько раз.":
            "An order column with an unusual header: field=Header (fields: школа, фпу, авторы, наименование, класс, издательство, год, количество, цена, сумма); may be repeated.",
        "Не прикладывать разнарядку по школам.": "Leave out the schools' distribution.",
        "Отсутствующие в данных поля печатать пустыми, а не считать ошибкой (для своего шаблона).":
            "Print fields the data lacks as empty instead of failing (for your own template).",
        "Формат спецификаций: docx (по умолчанию или как свой шаблон), odt или pdf.": "The specifications' format: docx (the default, or as your template), odt or pdf.",
        "Заполняет шаблон для каждой строки таблицы (CSV, XLSX или список YAML/JSON): один документ на строку.":
            "Fills a template for each row of a table (CSV, XLSX or a YAML/JSON list): one document per row.",
        "Таблица: CSV, XLSX или список в YAML/JSON; каждая строка — данные одного документа.": "The table: CSV, XLSX or a YAML/JSON list; each row is one document's data.",
        "Имя файла из данных строки, например \"{{школа}}\" (расширение добавляется само).": "The file name from the row's data, e.g. \"{{школа}}\" (the extension is added).",
        "Папка для документов (создаётся, если её нет, а родительская папка есть).": "The folder for the documents (made if missing, when its parent exists).",
        "Формат документов: docx, odt (как шаблон) или pdf.": "The documents' format: docx, odt (as the template) or pdf.",
        "Лист книги XLSX (по умолчанию первый).": "The XLSX sheet (the first by default).",
        "Один документ на группу строк с одинаковым значением в этом столбце: данные — поля первой строки группы, «группа» (значение) и «строки» (все её строки).":
            "One document per group of rows with the same value in this column: the data is the group's first row, «группа» (the value) and «строки» (all its rows).",
        "Сколько документов делать одновременно (по умолчанию — по числу ядер); для PDF — сколько LibreOffice держать запущенными.":
            "How many documents to make at once (by default, one per core); for PDF, how many LibreOffice to keep running.",
        "Встроенные шаблоны: список и копия для правки.": "The built-in templates: the list, and a copy to edit.",
        "Показывает встроенные шаблоны.": "Lists the built-in templates.",
        "Сохраняет копию встроенного шаблона, чтобы изменить её в Word или LibreOffice.": "Saves a copy of a built-in template to change in Word or LibreOffice.",
        "Имя шаблона (см. shablon templates list).": "The template's name (see shablon templates list).",
        "Куда сохранить: файл .docx или .odt.": "Where to save it: a .docx or .odt file.",
        "Заменить файл, если он уже есть (без этого флага существующий файл не трогается).":
            "Replace the file if it exists (without this flag an existing file is left alone).",
    ]

    /// The text in the help's language.
    static func text(_ russian: String, english: Bool) -> String {
        english ? (texts[russian] ?? russian) : russian
    }
}
