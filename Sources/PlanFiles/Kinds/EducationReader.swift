import PlannerCore

enum EducationReader {
    static func read(_ fields: Fields, origin: EventOrigin, context: ReadContext, at location: SourceLocation?) -> EventExpansion {
        EventExpansion(diagnostics: [.error(at: location, path: fields.path, "the Education kind is not built yet")])
    }
}
