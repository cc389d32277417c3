-- Full-text search over the AI wiki. Texts are folded before indexing (æ->ae, ø->oe, å->aa, lower case)
-- by app/domain/wiki-search.ts, so "traeningsdata" finds "træningsdata"; unicode61 strips other diacritics.
CREATE VIRTUAL TABLE `wiki_fts` USING fts5(
  `slug` UNINDEXED,
  `lang` UNINDEXED,
  `term`,
  `short`,
  `body`,
  tokenize = 'unicode61 remove_diacritics 2'
);
