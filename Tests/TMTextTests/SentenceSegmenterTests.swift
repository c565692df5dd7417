import Foundation
import Testing
import TMCore
import TestSupport
@testable import TMText

@Suite struct SentenceSegmenterTests {
    func split(_ text: String, _ language: Language) throws -> [String] {
        try SentenceSegmenter(language: language).segment(text).map(\.text)
    }

    // MARK: The seed article

    /// Read by hand: 33 sentences in 11 paragraphs (the "/ / News" and date lines, the headline, 9 body paragraphs).
    @Test func seedArticle() throws {
        let text = try String(contentsOf: TestData.seeds.appendingPathComponent("belta-2012-03-01-en.txt"), encoding: .utf8)
        let sentences = try SentenceSegmenter(language: .en).segment(text)
        #expect(sentences.count == 33)
        #expect(sentences.last?.paragraph == 10)
        #expect(sentences[0].text == "/ / News")
        #expect(sentences[1].text == "01.03.2012")
        #expect(sentences[2].text == "Lukashenko in favor of tighter Belarus-Russia cooperation in CSTO")
        #expect(sentences[2].paragraph == 1)
        // The dateline stays in the first sentence of the story.
        #expect(sentences[3].text.hasPrefix("MINSK, 1 March (BelTA) – President of Belarus Alexander Lukashenko is in favor"))
        #expect(sentences[3].text.hasSuffix("Collective Security Treaty Organization, too."))
        #expect(sentences[4].text.hasPrefix("The Belarusian head of state made the relevant statement"))
        // Quotes: the sentence that ends after the closing quote keeps its attribution.
        #expect(sentences.contains { $0.text == "It has acquired more dynamics recently,” Alexander Lukashenko told Nikolai Patrushev." })
        #expect(sentences.contains { $0.text == "“People would shrug their shoulders and ask: what next?" })
        #expect(sentences.contains { $0.text == "We were tardy with our initiatives back then”." })
        // Every range points at its text in the input.
        let units = Array(text.utf16)
        for s in sentences { #expect(String(decoding: units[s.range], as: UTF16.self) == s.text) }
        // Paragraphs are non-decreasing and each is used.
        #expect(Set(sentences.map(\.paragraph)) == Set(0...10))
    }

    // MARK: Abbreviation classes

    @Test func englishAbbreviationsInitialsAndNumbers() throws {
        #expect(try split("MINSK, 1 March (BelTA) – Mr. Smith of Acme Ltd. met Dr. Jones at St. Paul's at 3.45 p.m. on Jan. 5. The talks ended.", .en) == [
            "MINSK, 1 March (BelTA) – Mr. Smith of Acme Ltd. met Dr. Jones at St. Paul's at 3.45 p.m. on Jan. 5.", "The talks ended.",
        ])
        #expect(try split("The U.S. President met A. Lukashenko. It was U.S. policy. The end.", .en) == [
            "The U.S. President met A. Lukashenko.", "It was U.S. policy.", "The end.",
        ])
        #expect(try split("He paid 1.5 million. 46 ships took part. No. 5 won.", .en) == [
            "He paid 1.5 million.", "46 ships took part.", "No. 5 won.",
        ])
        #expect(try split("\"Why?\" he asked. He left.", .en) == ["\"Why?\" he asked.", "He left."])
        // An ambiguous abbreviation before a sentence starter ends the sentence.
        #expect(try split("They met at 3 p.m. The talks lasted an hour.", .en) == ["They met at 3 p.m.", "The talks lasted an hour."])
    }

    @Test func russianAbbreviationClasses() throws {
        #expect(try split("Минск, 1 марта (БЕЛТА) – Президент Беларуси А.Г. Лукашенко встретился с проф. Ивановым и акад. Петровым в г. Минске на ул. Ленина, д. 5. Встреча прошла в 2012 г. В ней участвовали все.", .ru) == [
            "Минск, 1 марта (БЕЛТА) – Президент Беларуси А.Г. Лукашенко встретился с проф. Ивановым и акад. Петровым в г. Минске на ул. Ленина, д. 5.",
            "Встреча прошла в 2012 г.", "В ней участвовали все.",
        ])
        #expect(try split("Участвовали т.е. Минск, в т. ч. Брест. Рост составил 5 тыс. руб. за 1 млн. Человек было 10.", .ru) == [
            "Участвовали т.е. Минск, в т. ч. Брест.", "Рост составил 5 тыс. руб. за 1 млн.", "Человек было 10.",
        ])
        #expect(try split("Офис на пр-т. Победы, гг. Минск и Брест. Были Минск, Брест и т. д. Затем ушли.", .ru) == [
            "Офис на пр-т. Победы, гг. Минск и Брест.", "Были Минск, Брест и т. д.", "Затем ушли.",
        ])
        #expect(try split("«Почему?» — спросил он. Он сказал: «Всё!» Затем ушёл. — Сейчас мы свежие.", .ru) == [
            "«Почему?» — спросил он.", "Он сказал: «Всё!»", "Затем ушёл.", "— Сейчас мы свежие.",
        ])
        // Ambiguous: "им." (named after) continues before a name, ends before a sentence starter (the pronoun).
        #expect(try split("Премия им. Н. И. Пирогова вручена. Каждый старается быть им. Но никто не говорит.", .ru) == [
            "Премия им. Н. И. Пирогова вручена.", "Каждый старается быть им.", "Но никто не говорит.",
        ])
        // Units after a number end a sentence before a capital, but a postcode is not an amount.
        #expect(try split("Высота 23 см. Максимальная нагрузка 140 кг. Адрес: 350000, г. Краснодар.", .ru) == [
            "Высота 23 см.", "Максимальная нагрузка 140 кг.", "Адрес: 350000, г. Краснодар.",
        ])
        #expect(try split("Выступил Дж. Смит из Минска. Гость — А. Р. Лукашэнка.", .ru) == ["Выступил Дж. Смит из Минска.", "Гость — А. Р. Лукашэнка."])
    }

    @Test func belarusianAbbreviationClasses() throws {
        #expect(try split("Мінск, 1 сакавіка (БЕЛТА) – Прэзідэнт А. Р. Лукашэнка сустрэўся з праф. Іванавым і акад. Пятровым на вул. Леніна, д. 5, у г. Мінску. Было 5 тыс. руб. Гэта г. зн. важна, у т. л. для Мінска. Усё.", .be) == [
            "Мінск, 1 сакавіка (БЕЛТА) – Прэзідэнт А. Р. Лукашэнка сустрэўся з праф. Іванавым і акад. Пятровым на вул. Леніна, д. 5, у г. Мінску.",
            "Было 5 тыс. руб.", "Гэта г. зн. важна, у т. л. для Мінска.", "Усё.",
        ])
        #expect(try split("Адрас: пр-т Незалежнасці, 5. У 2012 г. У Мінску было цёпла.", .be) == [
            "Адрас: пр-т Незалежнасці, 5.", "У 2012 г.", "У Мінску было цёпла.",
        ])
    }

    @Test func listNumbersStayWithTheirItem() throws {
        #expect(try split("Plan:\n1. Open the file.\n2. Read it.", .en) == ["Plan:", "1. Open the file.", "2. Read it."])
    }

    /// From the WMT22 e-commerce FAQ: "Q." and "A." label the sentence after them; "P.S." too.
    @Test func labelsStayWithTheirSentence() throws {
        #expect(try split("Q. When will my order arrive? A. For the UK, we send almost all orders via Royal Mail.", .en)
                == ["Q. When will my order arrive?", "A. For the UK, we send almost all orders via Royal Mail."])
        #expect(try split("P.S. I could not help but see it.", .en) == ["P.S. I could not help but see it."])
        // An initial inside a sentence still ends it before a sentence starter.
        #expect(try split("The letter was signed by Grade A. It was sent.", .en) == ["The letter was signed by Grade A.", "It was sent."])
    }

    // MARK: Paragraphs, ranges, input forms

    @Test func paragraphsAndRanges() throws {
        let text = "Первый абзац. Второе предложение.\n\n\nВторой абзац.\nНовая строка.\n"
        let sentences = try SentenceSegmenter(language: .ru).segment(text)
        #expect(sentences.map(\.paragraph) == [0, 0, 1, 1])
        #expect(sentences.map(\.text) == ["Первый абзац.", "Второе предложение.", "Второй абзац.", "Новая строка."])
        let units = Array(text.utf16)
        for s in sentences { #expect(String(decoding: units[s.range], as: UTF16.self) == s.text) }
        for s in sentences {
            let indices = try #require(s.range(in: text))
            #expect(String(text[indices]) == s.text)
        }
        #expect(try SentenceSegmenter(language: .en).segment("").isEmpty)
        #expect(try SentenceSegmenter(language: .en).segment(" \n\n ").isEmpty)
    }

    @Test func wrappedLinesJoinOnlyWhenTheyContinueInLowerCase() throws {
        #expect(try split("The President said that the\nagreement was signed.\nNext line.", .en) == [
            "The President said that the\nagreement was signed.", "Next line.",
        ])
    }

    @Test func crlfAndUTF16Input() throws {
        let crlf = try TextInput.decode(Array("Минск, 1 марта.\r\n\r\nВторой абзац. Ещё.\r\n".utf8))
        let expected = try SentenceSegmenter(language: .ru).segment("Минск, 1 марта.\n\nВторой абзац. Ещё.\n")
        #expect(try SentenceSegmenter(language: .ru).segment(crlf) == expected)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "Мінск.\r\n\r\nДругі абзац.".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let sentences = try SentenceSegmenter(language: .be).segment(try TextInput.decode(utf16))
        #expect(sentences.map(\.text) == ["Мінск.", "Другі абзац."])
        #expect(sentences.map(\.paragraph) == [0, 1])
    }

    @Test func htmlArticleText() throws {
        let html = """
            <!DOCTYPE html><html><head><title>Title</title><script>var s = "<p>not text</p>";</script>
            <style>p { color: red }</style></head><body><nav><a href="/">Home</a> | <a>News</a></nav>
            <header>Site header</header><article><h1>Лукашенко &mdash; за сотрудничество</h1>
            <p>Минск, 1 марта (БЕЛТА) &ndash; Президент А.Г.&nbsp;Лукашенко   встретился
              с проф. Ивановым. Встреча прошла в г. Минске.</p><!-- <p>comment</p> -->
            <p>Second&nbsp;&amp; more.<br>Line two.<br><br>Third &#1040;&#x411;.</p>
            <ul><li>One.</li><li>Two.</li></ul><aside>Read also</aside><form><input></form></article>
            <footer>&copy; BelTA</footer></body></html>
            """
        #expect(DocumentFormat.detect(content: html) == .html)
        #expect(DocumentFormat.detect(content: "Plain <b>text</b>") == .text)
        #expect(DocumentFormat.detect(content: "x", fileExtension: "HTM") == .html)
        let text = HTMLText.extract(html)
        #expect(!text.contains("not text") && !text.contains("Home") && !text.contains("Read also") && !text.contains("BelTA"))
        let sentences = try SentenceSegmenter(language: .ru).segment(html: html)
        #expect(sentences.map(\.text) == [
            "Лукашенко — за сотрудничество",
            "Минск, 1 марта (БЕЛТА) – Президент А.Г.\u{00A0}Лукашенко встретился с проф. Ивановым.",
            "Встреча прошла в г. Минске.",
            "Second\u{00A0}& more.", "Line two.", "Third АБ.", "One.", "Two.",
        ])
        #expect(sentences.map(\.paragraph) == [0, 1, 1, 2, 2, 3, 4, 5])
    }

    @Test func brokenHTMLNeverFails() {
        #expect(HTMLText.extract("<p>a < b &unknown; &#xZZ; <p") == "a < b &unknown; &#xZZ;")
        #expect(HTMLText.extract("<script>never closed") == "")
        #expect(HTMLText.extract("") == "")
    }

    @Test func rulesFileErrorsNameTheLine() {
        #expect(throws: ICUError.self) { try SegmentationRules(parsing: "[never]\nMr.\n[bogus]\n", file: "x.txt") }
        do {
            _ = try SegmentationRules(parsing: "Mr.\n", file: "x.txt")
        } catch let error as ICUError {
            #expect(error.location == SourceLocation(file: "x.txt", line: 1))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
