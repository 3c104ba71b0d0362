import HeraldCore
import HeraldRelay
import Testing

@Suite struct TemplateLibraryTests {
    static let shipped = Result { try TemplateLibrary(directory: TemplateDirectory.shipped) }

    @Test(arguments: [
        ("en", "en", "Congratulations"),
        ("es", "es", "Enhorabuena"),
        ("ru", "ru", "Поздравляем"),
        ("pt-BR", "en", "Congratulations"),
        ("es-ES", "es", "Enhorabuena"),
        ("ES_mx", "es", "Enhorabuena"),
        ("", "en", "Congratulations"),
    ])
    func localesFallBackToTheLanguageThenEnglish(requested: String, used: String, greeting: String) throws {
        let library = try Self.shipped.get()
        #expect(library.resolvedLocale(name: "rank_up", locale: requested) == used)
        let text = try library.render(name: "rank_up", locale: requested, data: ["rank": 3], format: .plainText)
        #expect(text.contains(greeting))
        #expect(text.contains("3"))
    }

    @Test func anExactLocaleFolderWinsOverItsLanguage() throws {
        let files = ["en/hi.mustache": "Hi", "pt/hi.mustache": "Olá", "pt-BR/hi.mustache": "Oi", "pt/only_pt.mustache": "Só pt"]
        try TemplateDirectory.withTemporary(files) { directory in
            let library = try TemplateLibrary(directory: directory)
            #expect(try library.render(name: "hi", locale: "pt-BR", format: .plainText) == "Oi")
            #expect(try library.render(name: "hi", locale: "pt-br", format: .plainText) == "Oi")
            #expect(try library.render(name: "hi", locale: "pt-PT", format: .plainText) == "Olá")
            #expect(try library.render(name: "hi", locale: "de", format: .plainText) == "Hi")
            // A template missing from the exact folder comes from the language folder.
            #expect(try library.render(name: "only_pt", locale: "pt-BR", format: .plainText) == "Só pt")
            #expect(library.localeNames == ["en", "pt", "pt-BR"])
        }
    }

    @Test func candidatesAreExactThenLanguageThenEnglish() {
        #expect(TemplateLocale.candidates(for: "pt-BR") == ["pt-br", "pt", "en"])
        #expect(TemplateLocale.candidates(for: "es") == ["es", "en"])
        #expect(TemplateLocale.candidates(for: "en-GB") == ["en-gb", "en"])
        #expect(TemplateLocale.candidates(for: "zh_Hant_TW") == ["zh-hant-tw", "zh", "en"])
    }

    @Test func telegramHTMLEscapesVariablesButNotTheTemplatesMarkup() throws {
        let files = ["en/greet.mustache": "<b>Hi {{name}}</b> & welcome"]
        try TemplateDirectory.withTemporary(files) { directory in
            let library = try TemplateLibrary(directory: directory)
            let data: TemplateData = ["name": #"<i>O'Brien</i> & "Co""#]
            #expect(
                try library.render(name: "greet", locale: "en", data: data, format: .telegramHTML)
                    == "<b>Hi &lt;i&gt;O'Brien&lt;/i&gt; &amp; &quot;Co&quot;</b> & welcome"
            )
            #expect(try library.render(name: "greet", locale: "en", data: data, format: .plainText) == #"<b>Hi <i>O'Brien</i> & "Co"</b> & welcome"#)
        }
    }

    @Test func partialsEscapeLikeTheTemplateThatUsesThem() throws {
        let files = ["en/main.mustache": "Top {{name}} / {{> parts/footer}}", "en/parts/footer.mustache": "foot {{name}}"]
        try TemplateDirectory.withTemporary(files) { directory in
            let library = try TemplateLibrary(directory: directory)
            #expect(try library.render(name: "main", locale: "en", data: ["name": "<x>"], format: .plainText) == "Top <x> / foot <x>")
            #expect(try library.render(name: "main", locale: "en", data: ["name": "<x>"], format: .telegramHTML) == "Top &lt;x&gt; / foot &lt;x&gt;")
        }
    }

    @Test(arguments: TemplateFormat.allCases)
    func aStandaloneTagOnTheFirstLineRendersTheSameInBothFormats(format: TemplateFormat) throws {
        let files = ["en/list.mustache": "{{#items}}\n- {{.}}\n{{/items}}\nend\n"]
        try TemplateDirectory.withTemporary(files) { directory in
            let library = try TemplateLibrary(directory: directory)
            #expect(try library.render(name: "list", locale: "en", data: ["items": ["a", "b"]], format: format) == "- a\n- b\nend")
        }
    }

    @Test func valuesRenderAsWritten() throws {
        let files = ["en/values.mustache": "{{int}} {{big}} {{double}} {{yes}} {{#none}}hidden{{/none}}{{^none}}absent{{/none}} {{nested.inner}}"]
        try TemplateDirectory.withTemporary(files) { directory in
            let library = try TemplateLibrary(directory: directory)
            let data: TemplateData = ["int": 3, "big": 80_351_110_224_678_912, "double": 2.5, "yes": true, "none": nil, "nested": ["inner": "deep"]]
            #expect(try library.render(name: "values", locale: "en", data: data, format: .plainText) == "3 80351110224678912 2.5 true absent deep")
        }
    }

    @Test func anUnknownTemplateIsARuleViolation() throws {
        let library = try Self.shipped.get()
        #expect(throws: TemplateError.unknownTemplate("rank_upp")) {
            try library.render(name: "rank_upp", locale: "es", format: .plainText)
        }
        #expect(TemplateError.unknownTemplate("rank_upp").code == .ruleViolation)
        #expect(TemplateError.unknownTemplate("rank_upp").message == "unknown template 'rank_upp'")
        #expect(throws: TemplateError.unknownTemplate("rank_up")) {
            try TemplateLibrary().render(name: "rank_up", locale: "en", format: .plainText)
        }
    }

    @Test func aTemplateThatRendersBlankIsRefused() throws {
        try TemplateDirectory.withTemporary(["es/maybe.mustache": "{{#name}}Hola {{name}}{{/name}}\n"]) { directory in
            let library = try TemplateLibrary(directory: directory)
            #expect(throws: TemplateError.renderedEmpty(name: "maybe", locale: "es")) {
                try library.render(name: "maybe", locale: "es-AR", format: .telegramHTML)
            }
            #expect(try library.render(name: "maybe", locale: "es", data: ["name": "Ana"], format: .telegramHTML) == "Hola Ana")
        }
    }

    @Test(arguments: [
        ("Hello {{name}\n", 1),
        ("Hello\n{{#rank}}\n#{{rank}}\n", 4),
        ("line one\n{{#rank}}#{{rank}}{{/tier}}\n", 2),
    ])
    func aBrokenTemplateIsReportedWithItsPath(text: String, line: Int) throws {
        let files = ["en/good.mustache": "fine", "es/broken.mustache": text]
        try TemplateDirectory.withTemporary(files) { directory in
            do throws(TemplateError) {
                _ = try TemplateLibrary(directory: directory)
                Issue.record("a broken template was loaded")
            } catch {
                guard case .invalidTemplate(let path, let reportedLine, _, _) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(path == directory + "/es/broken.mustache")
                #expect(reportedLine == line)
                #expect(error.description.hasPrefix("template '\(directory)/es/broken.mustache' line \(line) column "))
            }
        }
    }

    @Test func aMissingDirectoryIsReported() {
        #expect(throws: TemplateError.directoryNotFound("/nonexistent/herald-templates")) {
            try TemplateLibrary(directory: "/nonexistent/herald-templates")
        }
    }

    @Test func filesOutsideLocaleFoldersAreIgnored() throws {
        let files = ["README.md": "# notes", "stray.mustache": "{{#unclosed}}", "en/hi.mustache": "Hi", "en/notes.txt": "{{"]
        try TemplateDirectory.withTemporary(files) { directory in
            let library = try TemplateLibrary(directory: directory)
            #expect(library.localeNames == ["en"])
            #expect(library.templateNames(locale: "en") == ["hi"])
        }
    }
}
