extension RussianFormat {
    /// The pattern used when a date is printed without one: `05.09.2024`.
    public static let defaultDatePattern = "dd.MM.yyyy"

    /// Month names in the genitive, lowercase: «января» … «декабря» (as in «5 сентября»).
    public static let monthsGenitive = ["января", "февраля", "марта", "апреля", "мая", "июня",
                                        "июля", "августа", "сентября", "октября", "ноября", "декабря"]
    /// Month names in the nominative, lowercase: «январь» … «декабрь» (as in «сентябрь 2024»).
    public static let monthsNominative = ["январь", "февраль", "март", "апрель", "май", "июнь",
                                          "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
    /// CLDR abbreviated month names, format context (MMM): «сент.».
    static let monthsShortGenitive = ["янв.", "февр.", "мар.", "апр.", "мая", "июн.",
                                      "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."]
    /// CLDR abbreviated month names, stand-alone context (LLL): «сент.».
    static let monthsShortNominative = ["янв.", "февр.", "март", "апр.", "май", "июнь",
                                        "июль", "авг.", "сент.", "окт.", "нояб.", "дек."]

    /// Date by an ICU-like pattern: d dd M MM MMM MMMM L LL LLL LLLL y yy yyyy; 'quoted' text and other characters literal.
    public static func date(year: Int, month: Int, day: Int, pattern: String) -> String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v.magnitude)
            return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
        }
        func monthName(_ names: [String]) -> String {
            (1...12).contains(month) ? names[month - 1] : String(month)
        }
        let chars = Array(pattern)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                if i + 1 < chars.count && chars[i + 1] == "'" { out.append("'"); i += 2; continue }
                i += 1
                while i < chars.count {
                    if chars[i] == "'" {
                        if i + 1 < chars.count && chars[i + 1] == "'" { out.append("'"); i += 2; continue }
                        i += 1
                        break
                    }
                    out.append(chars[i]); i += 1
                }
                continue
            }
            var count = 1
            while i + count < chars.count && chars[i + count] == c { count += 1 }
            switch (c, count) {
            case ("d", _): out += pad(day, count)
            case ("M", 1...2), ("L", 1...2): out += pad(month, count)
            case ("M", 3): out += monthName(monthsShortGenitive)
            case ("L", 3): out += monthName(monthsShortNominative)
            case ("M", _): out += monthName(monthsGenitive)
            case ("L", _): out += monthName(monthsNominative)
            case ("y", 2): out += pad(year % 100, 2)
            case ("y", _): out += pad(year, count)
            default: out += String(repeating: c, count: count)
            }
            i += count
        }
        return out
    }
}
