import Foundation
import Testing
import ShablonData
import ShablonDocuments

/// Figures of the small district (Support.swift), worked out by hand:
///
/// | школа | читатели | книговыдача | посещения | фонд | читаемость | посещаемость | обращаемость | книгообесп. |
/// |---|---|---|---|---|---|---|---|---|
/// | СОШ № 1 | 400+40+10 = 450 | 9000 | 6750 | 20000 | 20,00 | 15,00 | 0,45 | 44,44 (44,444…) |
/// | СОШ п. Сорум | 120+15+0 = 135 | 2000 | 1500 | 7000 | 14,81 (14,814…) | 11,11 | 0,29 (0,2857…) | 51,85 (51,851…) |
/// | ООШ с. Ванзеват | 30+8+2 = 40 | 700 | 650 | 3000 | 17,50 | 16,25 | 0,23 (0,2333…) | 75,00 |
/// | итого | 625 | 11700 | 8900 | 30000 | 18,72 | 14,24 | 0,39 | 48,00 |
///
/// Textbook provision, min(100, copies / students × 100), weighted by students = Σ min(copies, students) / Σ students:
///
/// | школа | 1 кл. | 5 кл. | 9 кл. | всего |
/// |---|---|---|---|---|
/// | СОШ № 1 | 50/50 = 100,0 | 54/60 = 90,0 | 44/40 → 100,0 | (50+54+40)/150 = 96,0 |
/// | СОШ п. Сорум | 10/12 = 83,3 | 15/15 = 100,0 | 7/9 = 77,8 | (10+15+7)/36 = 88,9 |
/// | ООШ с. Ванзеват | 3/4 = 75,0 | 5/5 = 100,0 | 1/3 = 33,3 | (3+5+1)/12 = 75,0 |
/// | район | 63/66 = 95,5 | 74/80 = 92,5 | 48/52 = 92,3 | 185/198 = 93,4 |
///
/// In the district's 9th class copies (44+7+1 = 52) equal students (52), yet provision is 92,3 %, not
/// 100 %: the four spare books of СОШ № 1 provide nobody in the other schools.
@Suite struct DerivedFigures {
    @Test func perSchoolRatiosAreRoundedToTwoDecimals() throws {
        let st = try #require(SmallDistrict.load().statistics)
        #expect(st.schools.map(\.school) == ["СОШ № 1", "СОШ п. Сорум", "ООШ с. Ванзеват"])
        #expect(st.schools.map(\.readers) == [450, 135, 40])
        let a = st.schools[0], b = st.schools[1], c = st.schools[2]
        func counts(_ s: SchoolStatistics) -> Counts { DistrictStatistics(schools: [s]).total }
        #expect(counts(a).readingRate == 20 && counts(a).visitRate == 15)
        #expect(counts(a).turnover == Decimal(string: "0.45") && counts(a).booksPerReader == Decimal(string: "44.44"))
        #expect(counts(b).readingRate == Decimal(string: "14.81") && counts(b).visitRate == Decimal(string: "11.11"))
        #expect(counts(b).turnover == Decimal(string: "0.29") && counts(b).booksPerReader == Decimal(string: "51.85"))
        #expect(counts(c).readingRate == Decimal(string: "17.5") && counts(c).visitRate == Decimal(string: "16.25"))
        #expect(counts(c).turnover == Decimal(string: "0.23") && counts(c).booksPerReader == 75)
    }

    @Test func districtTotalsAreSumsAndRatiosOfSums() throws {
        let t = try #require(SmallDistrict.load().statistics).total
        #expect(t.readers == 625 && t.students == 550 && t.teachers == 63 && t.otherReaders == 12)
        #expect(t.loans == 11700 && t.visits == 8900 && t.fund == 30000 && t.textbookFund == 18300 && t.fictionFund == 8900)
        #expect(t.received == 1010 && t.withdrawn == 720)
        #expect(t.readingRate == Decimal(string: "18.72") && t.visitRate == Decimal(string: "14.24"))
        #expect(t.turnover == Decimal(string: "0.39") && t.booksPerReader == 48)
    }

    @Test func provisionPerClassAndWeightedBySchoolAndDistrict() throws {
        let st = try #require(SmallDistrict.load().statistics)
        let perClass = st.schools.map { $0.classes.map(\.percent) }
        #expect(perClass == [[100, 90, 100], [Decimal(string: "83.3"), 100, Decimal(string: "77.8")], [75, 100, Decimal(string: "33.3")]])
        #expect(st.schools.map { DistrictStatistics(schools: [$0]).total.provision } == [96, Decimal(string: "88.9"), 75])
        let t = st.total
        #expect(t.classes.map(\.grade) == [1, 5, 9])
        #expect(t.classes.map(\.students) == [66, 80, 52])
        #expect(t.classes.map(\.copies) == [63, 74, 52])
        #expect(t.classes.map(\.percent) == [Decimal(string: "95.5"), Decimal(string: "92.5"), Decimal(string: "92.3")])
        #expect(t.provision == Decimal(string: "93.4"))
    }

    @Test func changeAgainstLastYear() throws {
        let a = try SmallDistrict.load()
        let v = a.templateValue()
        guard case .list(let rows)? = v["статистика"]?["сравнение"] else { Issue.record("no comparison"); return }
        func row(_ name: String) -> Value? { rows.first { $0["показатель"] == .string(name) } }
        // Readers 600 → 625: +25, +4,2 % (25/600 = 4,166…); loans 11 100 → 11 700: +600, +5,4 % (5,405…).
        #expect(row("Читателей, всего")?["было"] == "600" && row("Читателей, всего")?["стало"] == "625")
        #expect(row("Читателей, всего")?["изменение"] == "+25" && row("Читателей, всего")?["изменение_процент"] == "+4,2\u{A0}%")
        #expect(row("Книговыдача, экз.")?["изменение"] == "+600" && row("Книговыдача, экз.")?["изменение_процент"] == "+5,4\u{A0}%")
        #expect(row("Книговыдача, экз.")?["стало"] == "11\u{A0}700")
        // Teachers 35+15+8 = 58 → 63; others 5+0+2 = 7 → 12.
        #expect(row("учителей")?["изменение"] == "+5" && row("прочих")?["изменение"] == "+5")
        // Читаемость 11 100/600 = 18,50 → 18,72: +0,22 (a ratio: no per cent).
        #expect(row("Читаемость")?["было"] == "18,50" && row("Читаемость")?["изменение"] == "+0,22")
        #expect(row("Читаемость")?["изменение_процент"] == "—")
        // Visits were not in last year's table.
        #expect(row("Посещения")?["было"] == "—" && row("Посещения")?["изменение"] == "—")
        // Provision: (45+60+30 + 12+10+9 + 4+5+3) / 198 = 178/198 = 89,9 → 93,4: +3,5.
        #expect(row("Обеспеченность учебниками, %")?["было"] == "89,9" && row("Обеспеченность учебниками, %")?["изменение"] == "+3,5")
        // Per school: СОШ № 1 135/150 = 90,0 → 96,0; ООШ с. Ванзеват 12/12 = 100,0 → 75,0.
        guard case .list(let schools)? = v["статистика"]?["школы"] else { Issue.record("no schools"); return }
        #expect(schools.map { $0["обеспеченность_изменение"] } == ["+6,0", "+2,8", "\u{2212}25,0"])
        #expect(schools.map { $0["обеспеченность"] } == ["96,0", "88,9", "75,0"])
    }

    @Test func meetingsEventsFulfilmentSpeakersSchools() throws {
        let s = try SmallDistrict.load().summary
        #expect(s.plannedMeetings == 4 && s.heldMeetings == 4)
        #expect(s.plannedEvents == 6 && s.heldEvents == 5)
        // 5 / 6 = 83,33… %
        #expect(s.fulfilment == Decimal(string: "83.3"))
        // Иванова Анна Андреевна = Иванова А.А. = Иванова А. А.; Петрова; Сидорова.
        #expect(s.speakers == 3)
        // СОШ № 1 (also written «СОШ  №1»), СОШ п. Сорум, ООШ с. Ванзеват.
        #expect(s.schools == 3)
        let v = try SmallDistrict.load().templateValue()
        #expect(v["итоги"]?["заседания_текст"] == "проведено 4 заседания из 4 запланированных")
        #expect(v["итоги"]?["мероприятия_текст"] == "проведено 5 мероприятий из 6 запланированных")
        #expect(v["итоги"]?["выполнение"] == "83,3")
        #expect(v["итоги"]?["докладчики_текст"] == "3 докладчика")
    }

    @Test func heldPhraseAgreesWithBothNumbers() {
        let forms = ["заседание", "заседания", "заседаний"]
        #expect(Analysis.heldPhrase(1, of: 1, forms: forms) == "проведено 1 заседание из 1 запланированного")
        #expect(Analysis.heldPhrase(2, of: 21, forms: forms) == "проведено 2 заседания из 21 запланированного")
        #expect(Analysis.heldPhrase(5, of: 11, forms: forms) == "проведено 5 заседаний из 11 запланированных")
        #expect(Analysis.heldPhrase(11, of: 12, forms: forms) == "проведено 11 заседаний из 12 запланированных")
        #expect(Analysis.heldPhrase(22, of: 24, forms: forms) == "проведено 22 заседания из 24 запланированных")
        #expect(Analysis.heldPhrase(0, of: 4, forms: forms) == "проведено 0 заседаний из 4 запланированных")
    }

    @Test func roundingIsHalfAwayFromZero() {
        #expect(Figures.round(Decimal(string: "2.345")!, places: 2) == Decimal(string: "2.35"))
        #expect(Figures.round(Decimal(string: "-2.345")!, places: 2) == Decimal(string: "-2.35"))
        #expect(Figures.round(Decimal(string: "0.05")!, places: 1) == Decimal(string: "0.1"))
        #expect(Figures.round(Decimal(string: "-0.05")!, places: 1) == Decimal(string: "-0.1"))
        #expect(Figures.round(Decimal(string: "2.344999")!, places: 2) == Decimal(string: "2.34"))
        // 1 / 8 = 0,125 → 0,13; 1/3 of 100 → 33,3; 2/3 → 66,7.
        #expect(Figures.ratio(1, 8) == Decimal(string: "0.13"))
        #expect(Figures.percent(1, of: 3) == Decimal(string: "33.3") && Figures.percent(2, of: 3) == Decimal(string: "66.7"))
        #expect(Figures.percent(1, of: 0) == nil && Figures.ratio(1, 0) == nil)
    }

    @Test func eventsByMonthFromDatesOrPlanText() throws {
        let a = try SmallDistrict.load()
        #expect(a.events.map { Analysis.month(of: $0) } == [9, 11, 2, 5, 12, 3])
        let chart = try #require(a.templateValue()["диаграммы"]?["мероприятия"])
        #expect(chart["подписи"] == ["сентябрь", "октябрь", "ноябрь", "декабрь", "январь", "февраль", "март", "апрель", "май"])
        #expect(chart["ряды"]?[0]?["значения"] == [1, 0, 1, 1, 0, 1, 1, 0, 1].map { Value.number(Decimal($0)) }.asList)
        #expect(chart["ряды"]?[1]?["значения"] == [1, 0, 1, 0, 0, 1, 1, 0, 1].map { Value.number(Decimal($0)) }.asList)
        #expect(Analysis.month(in: "Сентябрь – октябрь-\nноябрь") == 9 && Analysis.month(in: "19.09.") == 9)
        #expect(Analysis.month(in: "В течение года") == nil && Analysis.month(in: "девраль") == 2)
        #expect(Analysis.month(in: "поднимая вопросы, апрель") == 4)
    }
}

extension Array where Element == Value {
    var asList: Value { .list(self) }
}

extension Value {
    subscript(index: Int) -> Value? {
        if case .list(let l) = self, l.indices.contains(index) { return l[index] }
        return nil
    }
}
