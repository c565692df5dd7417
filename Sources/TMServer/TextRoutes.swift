import Foundation
import Hummingbird
import TMKit

/// The text endpoints: glossary lookup, rendering, transliteration, alignment.
extension MemoryServer {
    func addTextRoutes(to router: RouterGroup<BasicRequestContext>) {
        router.get("/v1/glossary/lookup") { request, _ in
            try authorize(request, .read)
            let matcher = try loadedGlossary()
            let parameters = QueryParameters(request.uri.query)
            let text = try Self.text(parameters.get("q"), "q")
            let language = try parameters.get("lang").map { try Self.knownLanguage($0, "lang") }
            return json(try await blocking { _ in matcher.matches(in: text, languages: language.map { [$0] }).map(GlossaryMatchOutput.init) })
        }
        router.post("/v1/render") { request, _ in
            try authorize(request, .read)
            let matcher = try loadedGlossary()
            let input = try await decode(RenderInput.self, from: request)
            let text = try Self.text(input.text, "text")
            if input.reverse ?? false {
                let entries = try await blocking { _ in
                    GlossaryRenderer.reverse(text, matcher: matcher, cyrillicCandidates: GlossaryRomanization.cyrillicCandidates())
                }
                return json(["entries": entries.map(ReverseEntryOutput.init)])
            }
            let from = try Self.knownLanguage(input.from ?? "ru", "from", allowed: [.ru, .be])
            if let scheme = input.scheme { try Self.checkScheme(scheme) }
            let renderer = GlossaryRenderer(matcher: matcher, romanize: try GlossaryRomanization.resolve(scheme: input.scheme, language: from))
            return json(RenderOutput(try await blocking { _ in renderer.render(text, from: from) }))
        }
        router.post("/v1/translit") { request, _ in
            try authorize(request, .read)
            let input = try await decode(TranslitInput.self, from: request)
            let text = try Self.text(input.text, "text")
            let language = try input.lang.map { try Self.knownLanguage($0, "lang", allowed: [.ru, .be]) }
            if input.reverse ?? false {
                let limit = try Self.number(input.limit.map(String.init), "limit", default: 5, in: 1...50)
                if let scheme = input.scheme { try Self.checkScheme(scheme) }
                let candidates = try await blocking { _ in
                    try Transliteration.candidates(for: text, languages: language.map { [$0] } ?? [.ru, .be], scheme: input.scheme, limit: limit)
                }
                return json(["candidates": candidates.map(CandidateOutput.init)])
            }
            guard let name = input.scheme else { throw ServerError(.badRequest, "scheme is required unless reverse is true") }
            let scheme = try Self.checkScheme(name)
            let chosen = language ?? LanguageIdentifier.identify(text).flatMap { scheme.languages.contains($0) ? $0 : nil } ?? scheme.languages.first ?? .ru
            guard scheme.languages.contains(chosen) else {
                throw ServerError(.badRequest, "the scheme \(scheme.name) is not defined for \(chosen.rawValue)")
            }
            let output = try await blocking { _ in
                try Transliteration.transliterate(text, scheme: scheme.name, language: chosen, ascii: input.ascii ?? false)
            }
            return json(TranslitOutput(text: output, language: chosen.rawValue, scheme: scheme.name))
        }
        router.post("/v1/align") { request, context in
            let input = try await decode(AlignInput.self, from: request)
            let store = input.store ?? false
            try authorize(request, store ? .write : .read)
            guard !(input.presplit ?? false && input.html ?? false) else { throw ServerError(.badRequest, "presplit and html exclude each other") }
            let minimum = input.minConfidence ?? 0
            guard (0...1).contains(minimum) else { throw ServerError(.badRequest, "minConfidence must be a number from 0 to 1") }
            let kind: AlignWorkflow.InputKind = input.presplit ?? false ? .presplit : input.html ?? false ? .html : .auto
            let from = try input.from.map { try Self.language($0, "from") }, to = try input.to.map { try Self.language($0, "to") }
            let origin = input.origin
            return json(try await blocking(logger: context.logger) { cancelled in
                // Named "source" and "target" in error messages; no file is recorded with the stored units.
                var source = try AlignWorkflow.read(bytes: Array(input.source.utf8), file: "source", kind: kind, language: from)
                var target = try AlignWorkflow.read(bytes: Array(input.target.utf8), file: "target", kind: kind, language: to)
                source.file = nil
                target.file = nil
                let result = try AlignWorkflow.align(source, target)
                let units = result.translationUnits(origin: origin, minConfidence: minimum, created: Date())
                let stored = store ? try add(units, to: writes, unless: cancelled) : nil
                return AlignOutput(result, minimum: minimum, stored: stored)
            })
        }
    }

    func loadedGlossary() throws -> GlossaryMatcher {
        guard let glossary else { throw ServerError(.noGlossary, "this server was started without a glossary (--glossary DIR)") }
        return glossary
    }

    /// The scheme named, or `unknown_scheme` listing the known ones.
    @discardableResult
    static func checkScheme(_ name: String) throws -> TransliterationScheme {
        guard let scheme = TransliterationScheme.all.first(where: { $0.name == name }) else {
            throw ServerError(.unknownScheme, "unknown scheme \(name); known: \(TransliterationScheme.all.map(\.name).joined(separator: ", "))")
        }
        return scheme
    }
}

// MARK: - Bodies

struct RenderInput: Decodable {
    var text: String
    var from: String?
    var scheme: String?
    var reverse: Bool?
}

struct TranslitInput: Decodable {
    var text: String
    var scheme: String?
    var lang: String?
    var reverse: Bool?
    var ascii: Bool?
    var limit: Int?
}

struct AlignInput: Decodable, Sendable {
    var source: String
    var target: String
    var from: String?
    var to: String?
    var presplit: Bool?
    var html: Bool?
    var minConfidence: Double?
    var origin: String?
    var store: Bool?
}

// MARK: - Answers (the same fields as the CLI's --format json)

struct GlossaryMatchOutput: Encodable {
    let text: String, offset: Int, length: Int, line: Int, column: Int
    let concept: String, type: String, term: String, termLanguage: String, status: String
    let preferred: [String: String]

    init(_ match: GlossaryMatch) {
        text = match.text
        offset = match.offset
        length = match.length
        line = match.line
        column = match.column
        concept = match.concept.id
        type = match.concept.type.rawValue
        term = match.term.text
        termLanguage = match.term.language.code
        status = match.term.status.rawValue
        preferred = Dictionary(uniqueKeysWithValues: Language.allCases.compactMap { language in
            match.preferred(LanguageTag(language: language)).map { (language.rawValue, $0) }
        })
    }
}

struct RenderOutput: Encodable {
    struct Name: Encodable { let source: String, rendering: String, guessed: Bool, concept: String?, offset: Int, line: Int, column: Int }
    let text: String
    let names: [Name]

    init(_ rendering: Rendering) {
        text = rendering.text
        names = rendering.names.map {
            Name(source: $0.source, rendering: $0.rendering, guessed: $0.kind == .guessed, concept: $0.conceptID,
                 offset: $0.offset, line: $0.line, column: $0.column)
        }
    }
}

struct ReverseEntryOutput: Encodable {
    let english: String, concept: String?, candidates: [String: String], offset: Int

    init(_ entry: ReverseEntry) {
        english = entry.english
        concept = entry.conceptID
        candidates = Dictionary(entry.candidates.map { ($0.language.code, $0.text) }, uniquingKeysWith: { first, _ in first })
        offset = entry.offset
    }
}

struct TranslitOutput: Encodable {
    let text: String, language: String, scheme: String
}

struct CandidateOutput: Encodable {
    let text: String, language: String, score: Double

    init(_ candidate: TransliterationCandidate) {
        text = candidate.text
        language = candidate.language.rawValue
        score = (candidate.score * 1000).rounded() / 1000
    }
}

struct AlignOutput: Encodable, Sendable {
    struct BeadOutput: Encodable, Sendable {
        let source: String, target: String, sourceUnits: [Int], targetUnits: [Int], shape: String, confidence: Double
    }
    let from: String, to: String
    let beads: [BeadOutput]
    /// What `"store": true` stored (beads with both sides and at least `minConfidence`).
    let stored: AddResult?

    init(_ result: AlignWorkflow.Result, minimum: Double, stored: AddResult?) {
        from = result.source.language.code
        to = result.target.language.code
        beads = result.beads.filter { $0.confidence >= minimum || $0.shape.isSkip }.map { bead in
            BeadOutput(source: result.text(of: bead.source, in: result.source), target: result.text(of: bead.target, in: result.target),
                       sourceUnits: Array(bead.source), targetUnits: Array(bead.target), shape: bead.shape.description,
                       confidence: (bead.confidence * 1000).rounded() / 1000)
        }
        self.stored = stored
    }
}
