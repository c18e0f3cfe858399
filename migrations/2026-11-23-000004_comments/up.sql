-- Comments on sections of the shared plan, by parents, relatives who can see the section,
-- and professionals whose grant allows commenting.
CREATE TABLE section_comments (
    id           TEXT PRIMARY KEY NOT NULL,
    family_id    TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    section_kind TEXT NOT NULL,
    author_id    TEXT NOT NULL REFERENCES users (id),
    body         TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX section_comments_section ON section_comments (family_id, section_kind, created_at);
