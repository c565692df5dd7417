import GRDB

/// The SQLite schema, as append-only migrations: a shipped migration is never edited; changes come as new ones.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: units, variants, word index") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: one index for exact and near-exact lookups") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3: the word index filled per add, not per row") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4: the languages of a unit's variants, indexed") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5: plain text stored only when it differs from the markup") { db in
            try db.execute(sql: v5)
        }
        return migrator
    }

    /// Version 1.
    /// - `unit`: one row per translation unit; `content_hash` (128-bit FNV-1a of the variants' languages and
    ///   markup, notes and props) is UNIQUE, so the same content is never stored twice. Dates are Unix seconds.
    /// - `variant`: one row per language version; text as imported (`markup`), its plain text, its matching
    ///   key, and hashes of the key, the near-exact skeleton and the previous segment's key for indexed lookups.
    ///   Variants are immutable (a trigger refuses updates of their text).
    /// - `variant_words`: FTS5 over the matching keys (external content), kept in step by triggers; the fuzzy
    ///   candidates and the concordance come from it.
    static let v1 = """
        CREATE TABLE unit (
            id INTEGER PRIMARY KEY,
            content_hash BLOB NOT NULL UNIQUE CHECK (length(content_hash) = 16),
            tuid TEXT,
            origin TEXT,
            file TEXT,
            tool TEXT,
            created_at INTEGER,
            created_by TEXT,
            changed_at INTEGER,
            changed_by TEXT,
            score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'aligned', 'imported')),
            notes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(notes)),
            properties TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(properties)),
            attributes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attributes))
        );
        CREATE INDEX unit_origin ON unit(origin);
        CREATE INDEX unit_file ON unit(file);
        CREATE INDEX unit_recency ON unit(coalesce(changed_at, created_at));

        CREATE TABLE variant (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            language TEXT NOT NULL CHECK (language <> ''),
            base_language TEXT NOT NULL CHECK (base_language <> ''),
            markup TEXT NOT NULL,
            plain TEXT NOT NULL,
            key TEXT NOT NULL,
            key_hash INTEGER NOT NULL,
            skeleton_hash INTEGER NOT NULL,
            context_hash INTEGER,
            created_at INTEGER,
            created_by TEXT,
            changed_at INTEGER,
            changed_by TEXT,
            notes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(notes)),
            properties TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(properties)),
            attributes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attributes)),
            UNIQUE (unit_id, position)
        );
        CREATE INDEX variant_key ON variant(key_hash);
        CREATE INDEX variant_skeleton ON variant(skeleton_hash);
        CREATE INDEX variant_language ON variant(language);

        CREATE TRIGGER variant_immutable BEFORE UPDATE OF unit_id, language, markup, plain, key ON variant
        BEGIN SELECT RAISE(ABORT, 'variants are immutable: delete the unit and add it again'); END;

        CREATE VIRTUAL TABLE variant_words USING fts5(
            key, content = 'variant', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0'
        );
        CREATE TRIGGER variant_words_insert AFTER INSERT ON variant
        BEGIN INSERT INTO variant_words(rowid, key) VALUES (new.id, new.key); END;
        CREATE TRIGGER variant_words_delete AFTER DELETE ON variant
        BEGIN INSERT INTO variant_words(variant_words, rowid, key) VALUES ('delete', old.id, old.key); END;
        """

    /// Version 2: the exact and near-exact lookups share one index. Equal keys have equal skeletons, so the
    /// rows of an exact lookup are among those of the near-exact one: (skeleton_hash, key_hash) serves both,
    /// and an import maintains one random-order index per variant instead of two.
    static let v2 = """
        CREATE INDEX variant_skeleton_key ON variant(skeleton_hash, key_hash);
        DROP INDEX variant_key;
        DROP INDEX variant_skeleton;
        """

    /// Version 3: `SQLiteStore.add` fills the word index (`variant_words`) with one statement after its inserts
    /// instead of a per-row trigger. FTS5 writes its pending terms to disk at the end of every statement that
    /// changes it, so the trigger wrote one tiny segment per variant and spent most of an import merging
    /// them. Deletions still go through the `variant_words_delete` trigger. FTS5 keeps up to 16 MB of pending
    /// terms (default 1 MB) before writing a segment: fewer, larger segments to merge on large imports.
    static let v3 = """
        DROP TRIGGER variant_words_insert;
        INSERT INTO variant_words(variant_words, rank) VALUES ('hashsize', 16777216);
        """

    /// Version 4: (unit_id, language, base_language) answers "does this unit have a variant in language L"
    /// (lookups' target check, filters by language) from the index alone, without reading variant rows;
    /// imports append to it, as unit ids only grow.
    static let v4 = """
        CREATE INDEX variant_unit_language ON variant(unit_id, language, base_language);
        """

    /// Version 5: `variant.plain` is NULL when the plain text equals the markup (most segments carry no inline
    /// tags), so an import writes that text once instead of twice; readers take `coalesce(plain, markup)`.
    /// SQLite cannot relax NOT NULL in place, so the table is rebuilt (ids kept, so the word index stays
    /// valid), with its triggers and indexes. `variant(language)` is not rebuilt: the statistics' count per
    /// language is served by scanning the smaller `variant_unit_language`, and no lookup uses it.
    static let v5 = """
        CREATE TABLE variant_v5 (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            language TEXT NOT NULL CHECK (language <> ''),
            base_language TEXT NOT NULL CHECK (base_language <> ''),
            markup TEXT NOT NULL,
            plain TEXT CHECK (plain IS NULL OR plain <> markup),
            key TEXT NOT NULL,
            key_hash INTEGER NOT NULL,
            skeleton_hash INTEGER NOT NULL,
            context_hash INTEGER,
            created_at INTEGER,
            created_by TEXT,
            changed_at INTEGER,
            changed_by TEXT,
            notes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(notes)),
            properties TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(properties)),
            attributes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attributes)),
            UNIQUE (unit_id, position)
        );
        INSERT INTO variant_v5
        SELECT id, unit_id, position, language, base_language, markup, nullif(plain, markup), key, key_hash,
               skeleton_hash, context_hash, created_at, created_by, changed_at, changed_by, notes, properties, attributes
        FROM variant ORDER BY id;
        DROP TABLE variant;
        ALTER TABLE variant_v5 RENAME TO variant;
        CREATE INDEX variant_skeleton_key ON variant(skeleton_hash, key_hash);
        CREATE INDEX variant_unit_language ON variant(unit_id, language, base_language);
        CREATE TRIGGER variant_immutable BEFORE UPDATE OF unit_id, language, markup, plain, key ON variant
        BEGIN SELECT RAISE(ABORT, 'variants are immutable: delete the unit and add it again'); END;
        CREATE TRIGGER variant_words_delete AFTER DELETE ON variant
        BEGIN INSERT INTO variant_words(variant_words, rowid, key) VALUES ('delete', old.id, old.key); END;
        """
}
