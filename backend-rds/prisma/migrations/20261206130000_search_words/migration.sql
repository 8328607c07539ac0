-- Spelling correction for search (src/search/vocabulary.ts and spelling.ts): the words of
-- every title and author name, each stored with its keys, the word itself and every way of
-- deleting one letter from it. Two words share a key exactly when one letter dropped, added
-- or changed, or two neighbours swapped, turns one into the other (the symmetric-delete
-- method), so an indexed overlap of keys finds every such neighbour of a misspelt word,
-- short words included, where trigrams alone miss "emam" for "emma".

-- The words of a book, as search sees them: the simple configuration's lexemes of its title
-- and author names (lower case, accents kept), letters and digits only, three or more long.
CREATE FUNCTION search_words_of(title text, author_names text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT DISTINCT lexeme
  FROM unnest(tsvector_to_array(to_tsvector('simple', title || ' ' || author_names))) AS lexeme
  WHERE lexeme ~ '^[[:alnum:]]{3,}$'
$$;

-- A word's keys: the word and the word with each of its letters deleted in turn.
CREATE FUNCTION search_word_keys(word text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT array_append(
    ARRAY(SELECT left(word, i - 1) || substr(word, i + 1) FROM generate_series(1, length(word)) AS i),
    word)
$$;

-- CreateTable
CREATE TABLE "search_words" (
    "word" TEXT NOT NULL,
    "keys" TEXT[],

    CONSTRAINT "search_words_pkey" PRIMARY KEY ("word")
);

-- The catalogue as it stands. Later writes add their words as they refresh search documents.
INSERT INTO "search_words" ("word", "keys")
SELECT word, search_word_keys(word)
FROM (
  SELECT DISTINCT word
  FROM books b, search_words_of(b.title, b.author_names) AS word
  WHERE b.archived_at IS NULL
) AS catalogue_words;

-- CreateIndex
CREATE INDEX "search_words_keys_idx" ON "search_words" USING GIN ("keys");

-- CreateIndex
CREATE INDEX "search_words_word_trgm_idx" ON "search_words" USING GIN ("word" gin_trgm_ops);

-- Every search reads these indexes and only catalog writes add to them, a few words at a
-- time: write straight into the index rather than queue entries in a pending list that
-- every search would scan (which made each look-up take milliseconds instead of tenths).
-- Storage parameters are invisible to the Prisma schema, and its diff leaves them alone.
ALTER INDEX "search_words_keys_idx" SET (fastupdate = off);
ALTER INDEX "search_words_word_trgm_idx" SET (fastupdate = off);
ANALYZE "search_words";
