-- A chat's script setting gains "auto" (each reply in the script of its question), and the
-- default becomes "simplified": one script per reply. SQLite cannot change a CHECK
-- constraint in place, so the table is rebuilt; a chat that chose a script keeps it.
BEGIN;
CREATE TABLE chat_settings_new (
    chat_id    INTEGER PRIMARY KEY,
    script     TEXT NOT NULL DEFAULT 'simplified'
               CHECK (script IN ('simplified', 'traditional', 'auto', 'source')),
    language   TEXT CHECK (language IN ('zh-Hans', 'zh-Hant', 'en')),  -- NULL: the user's own
    updated_by INTEGER,
    updated_at TEXT NOT NULL
);
INSERT INTO chat_settings_new (chat_id, script, language, updated_by, updated_at)
    SELECT chat_id, script, language, updated_by, updated_at FROM chat_settings;
DROP TABLE chat_settings;
ALTER TABLE chat_settings_new RENAME TO chat_settings;
PRAGMA user_version = 5;
COMMIT;
