/// The PostgreSQL schema, as append-only migrations recorded in `tmkit_schema_migrations`: a shipped migration
/// is never edited; changes come as new entries at the end of `migrations`.
enum PostgresSchema {
    /// (version, name, SQL), in order.
    static let migrations: [(version: Int, name: String, sql: String)] = [
        (1, "units, variants, trigram index", v1),
        (2, "word index and word document frequencies", v2),
        (3, "word document frequencies counted once per add", v3),
        (4, "each variant names its unit's other languages", v4),
        (5, "fuzzy candidates and the concordance from a narrow table", v5),
        (6, "each fuzzy candidate row carries its unit's rank", v6),
    ]

    /// Version 1, the same model as `SQLiteSchema.v1` (dates are Unix seconds in both):
    /// - `unit`: one row per translation unit; `content_hash` (128-bit FNV-1a of the variants' languages and
    ///   markup, notes and props) is UNIQUE, so the same content is never stored twice.
    /// - `variant`: one row per language version: the text as imported (`markup`), its plain text, its matching
    ///   key, the key's words (`words`: each word preceded by one space) and hashes of the key, the near-exact
    ///   skeleton and the previous segment's key for indexed lookups.
    /// - `variant_words_trgm`: a GIN trigram index (`pg_trgm`) on `words`; fuzzy candidates (`%` similarity) and
    ///   the concordance (`LIKE '% word%'`, a word prefix) come from it. It needs a UTF-8 ctype database, or
    ///   Cyrillic words make no trigrams.
    static let v1 = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;

        CREATE TABLE unit (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            content_hash bytea NOT NULL UNIQUE CHECK (length(content_hash) = 16),
            tuid text,
            origin text,
            file text,
            tool text,
            created_at bigint,
            created_by text,
            changed_at bigint,
            changed_by text,
            score double precision CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
            status text NOT NULL CHECK (status IN ('confirmed', 'aligned', 'imported')),
            notes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(notes) = 'array'),
            properties jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(properties) = 'array'),
            attributes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attributes) = 'array')
        );
        CREATE INDEX unit_origin ON unit (origin);
        CREATE INDEX unit_file ON unit (file);
        CREATE INDEX unit_recency ON unit ((coalesce(changed_at, created_at)));

        CREATE TABLE variant (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            unit_id bigint NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
            position integer NOT NULL CHECK (position >= 0),
            language text NOT NULL CHECK (language <> ''),
            base_language text NOT NULL CHECK (base_language <> ''),
            markup text NOT NULL,
            plain text NOT NULL,
            key text NOT NULL,
            words text NOT NULL,
            key_hash bigint NOT NULL,
            skeleton_hash bigint NOT NULL,
            context_hash bigint,
            created_at bigint,
            created_by text,
            changed_at bigint,
            changed_by text,
            notes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(notes) = 'array'),
            properties jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(properties) = 'array'),
            attributes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attributes) = 'array'),
            UNIQUE (unit_id, position)
        );
        CREATE INDEX variant_key ON variant (key_hash);
        CREATE INDEX variant_skeleton ON variant (skeleton_hash);
        CREATE INDEX variant_language ON variant (language);
        CREATE INDEX variant_words_trgm ON variant USING gin (words gin_trgm_ops);

        CREATE FUNCTION variant_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'variants are immutable: delete the unit and add it again'; END $$;
        CREATE TRIGGER variant_immutable BEFORE UPDATE OF unit_id, language, markup, plain, key, words ON variant
        FOR EACH ROW EXECUTE FUNCTION variant_immutable();
        """

    /// Version 2, fuzzy candidates as `SQLiteStore` finds them (the query's rarest words through an index):
    /// - `variant_terms`: a GIN index on the key's words as a text search vector (lexemes taken verbatim:
    ///   `array_to_tsvector(string_to_array(substr(words, 2), ' '))`, no parser, no dictionary). `@@` with
    ///   `'word'` finds variants holding a word (fuzzy candidates), with `'word':*` a word prefix (concordance).
    ///   It replaces the trigram index, which cost about twice as much to keep up on import.
    /// - `word_frequency`: per word, the number of variants whose key holds it (its document frequency), kept
    ///   by statement triggers on `variant` (inserts and deletes, cascaded ones too) and filled for the rows
    ///   already there. Words over 1000 bytes are not counted (a B-tree key must stay under 2.7 KB), so they are
    ///   never chosen for fuzzy candidates. Writers take `PostgresSchema.writerLock` so concurrent imports never deadlock on its rows.
    static let v2 = """
        CREATE INDEX variant_terms ON variant USING gin ((array_to_tsvector(string_to_array(substr(words, 2), ' '))));
        DROP INDEX variant_words_trgm;

        CREATE TABLE word_frequency (
            word text PRIMARY KEY,
            documents bigint NOT NULL CHECK (documents >= 0)
        );
        INSERT INTO word_frequency (word, documents)
        SELECT t.word, count(*) FROM variant AS v, LATERAL (SELECT DISTINCT unnest(string_to_array(substr(v.words, 2), ' '))) AS t (word)
        WHERE octet_length(t.word) <= 1000 GROUP BY t.word;

        CREATE FUNCTION word_frequency_added() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO word_frequency AS f (word, documents)
            SELECT t.word, count(*) FROM added AS v, LATERAL (SELECT DISTINCT unnest(string_to_array(substr(v.words, 2), ' '))) AS t (word)
            WHERE octet_length(t.word) <= 1000 GROUP BY t.word ORDER BY t.word
            ON CONFLICT (word) DO UPDATE SET documents = f.documents + excluded.documents;
            RETURN NULL;
        END $$;
        CREATE TRIGGER variant_words_added AFTER INSERT ON variant REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION word_frequency_added();

        CREATE FUNCTION word_frequency_removed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE word_frequency AS f SET documents = f.documents - g.documents
            FROM (SELECT t.word, count(*) AS documents
                  FROM removed AS v, LATERAL (SELECT DISTINCT unnest(string_to_array(substr(v.words, 2), ' '))) AS t (word)
                  WHERE octet_length(t.word) <= 1000 GROUP BY t.word) AS g
            WHERE f.word = g.word;
            RETURN NULL;
        END $$;
        CREATE TRIGGER variant_words_removed AFTER DELETE ON variant REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION word_frequency_removed();
        """

    /// Version 3: `PostgresStore.add` counts the words of the variants it inserts and adds them to
    /// `word_frequency` once, at the end of its transaction, instead of the insert trigger doing it per
    /// statement (every batch of 500 units updated the same rows again; see `PostgresStore.add`). Deletes keep
    /// their trigger.
    static let v3 = """
        DROP TRIGGER variant_words_added ON variant;
        DROP FUNCTION word_frequency_added();
        """

    /// Version 4: `variant.other_languages`, the language and base language of every other variant of the same
    /// unit, each preceded by one space (` ru ru`; empty for a unit of one variant), written on insert (variants
    /// never change and a unit's variants are inserted together). A fuzzy candidate row then tells by itself
    /// whether its unit has a variant in the target language, so lookups no longer probe `variant` once per
    /// candidate for it. Existing rows are filled here (one pass that rewrites every variant row: ≈ 3 minutes for
    /// a memory of 1M units).
    static let v4 = """
        ALTER TABLE variant ADD COLUMN other_languages text NOT NULL DEFAULT '';
        UPDATE variant AS v SET other_languages = o.languages
        FROM (SELECT v.id, string_agg(' ' || t.language || ' ' || t.base_language, '' ORDER BY t.position) AS languages
              FROM variant AS v JOIN variant AS t ON t.unit_id = v.unit_id AND t.id <> v.id GROUP BY v.id) AS o
        WHERE o.id = v.id;
        ALTER TABLE variant ALTER COLUMN other_languages DROP DEFAULT;
        """

    /// Version 5: what fuzzy candidates and the concordance read of a variant moves to its own narrow table,
    /// `variant_words` (the variant's id, unit, position, language, base language, `words` and
    /// `other_languages`), with the word index. A lookup reads ≈ 370 candidate rows at 1M units, each on its own
    /// page: as rows of `variant` (≈ 700 bytes with markup, plain text, key and JSON) they spread over 1.4 GB, as
    /// rows of `variant_words` (≈ 150 bytes) over a third of that, and the candidate query costs PostgreSQL
    /// ≈ 15% less. Rows are inserted with their variant and deleted with it (`ON DELETE CASCADE`); like
    /// variants they never change. The trigger that keeps `word_frequency` moves with the words. Existing rows
    /// are copied and indexed here (≈ 1 minute for a memory of 1M units).
    static let v5 = """
        CREATE TABLE variant_words (
            id bigint PRIMARY KEY REFERENCES variant (id) ON DELETE CASCADE,
            unit_id bigint NOT NULL,
            position integer NOT NULL,
            language text NOT NULL,
            base_language text NOT NULL,
            words text NOT NULL,
            other_languages text NOT NULL
        );
        INSERT INTO variant_words (id, unit_id, position, language, base_language, words, other_languages)
        SELECT id, unit_id, position, language, base_language, words, other_languages FROM variant ORDER BY id;
        CREATE INDEX variant_words_terms ON variant_words USING gin ((array_to_tsvector(string_to_array(substr(words, 2), ' '))));
        DROP INDEX variant_terms;

        DROP TRIGGER variant_words_removed ON variant;
        CREATE TRIGGER variant_words_removed AFTER DELETE ON variant_words REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION word_frequency_removed();

        DROP TRIGGER variant_immutable ON variant;
        ALTER TABLE variant DROP COLUMN words, DROP COLUMN other_languages;
        CREATE TRIGGER variant_immutable BEFORE UPDATE OF unit_id, language, markup, plain, key ON variant
        FOR EACH ROW EXECUTE FUNCTION variant_immutable();
        CREATE TRIGGER variant_words_immutable BEFORE UPDATE ON variant_words
        FOR EACH ROW EXECUTE FUNCTION variant_immutable();
        """

    /// Version 6: each `variant_words` row carries what ranks its unit among alternatives of equal score
    /// (`SearchPlan.UnitRank`): `unit_status`, `unit_recency` (`coalesce(changed_at, created_at)`) and
    /// `unit_score`, copied from `unit` on insert (units, like variants, never change: a change is a delete and
    /// an add). When more candidates reach the cutoff score than a lookup shows, their ranks came from a query
    /// of `unit`, one page per unit (in the load benchmark at 1M units, 54–57% of lookups, ≈ 180 pages and 13% of
    /// PostgreSQL's time); now they come with the candidate rows. The table is rewritten in its current physical
    /// order (an `UPDATE` would leave every row's old version behind and add a second GIN entry per row):
    /// ≈ 1 minute for a memory of 1M units.
    static let v6 = """
        CREATE TEMPORARY TABLE variant_words_v6 ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY w.ctid) AS ordinal, w.*, u.status AS unit_status,
               coalesce(u.changed_at, u.created_at) AS unit_recency, u.score AS unit_score
        FROM variant_words AS w JOIN unit AS u ON u.id = w.unit_id;
        ALTER TABLE variant_words DROP CONSTRAINT variant_words_id_fkey, DROP CONSTRAINT variant_words_pkey;
        DROP INDEX variant_words_terms;
        TRUNCATE variant_words;
        ALTER TABLE variant_words ADD COLUMN unit_status text NOT NULL, ADD COLUMN unit_recency bigint,
            ADD COLUMN unit_score double precision;
        INSERT INTO variant_words (id, unit_id, position, language, base_language, words, other_languages,
                                   unit_status, unit_recency, unit_score)
        SELECT id, unit_id, position, language, base_language, words, other_languages, unit_status, unit_recency, unit_score
        FROM variant_words_v6 ORDER BY ordinal;
        ALTER TABLE variant_words ADD CONSTRAINT variant_words_pkey PRIMARY KEY (id),
            ADD CONSTRAINT variant_words_id_fkey FOREIGN KEY (id) REFERENCES variant (id) ON DELETE CASCADE;
        CREATE INDEX variant_words_terms ON variant_words USING gin ((array_to_tsvector(string_to_array(substr(words, 2), ' '))));
        ANALYZE variant_words;
        """

    /// The advisory lock every writing transaction takes first: one writer at a time, as in SQLite (readers
    /// never wait for it).
    static let writerLock = 7378202
}
