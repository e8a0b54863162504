/**
 * Typo tolerance, one rule for every engine: Meilisearch's (v1.12, milli's
 * `query_term/compute_derivations.rs`), so PostgreSQL forgives exactly what Meilisearch does.
 *
 * - A query word may have 0 typos below `oneTypo` letters, 1 from `oneTypo`, 2 from `twoTypos`.
 * - Typos are Damerau–Levenshtein edits: an insertion, a deletion, a substitution, or a swapped
 *   pair of adjacent letters ("photogarpher") each count as one.
 * - A word whose first letter differs from the query word's costs one typo more: it is never
 *   found with a 1-typo budget, and with 2 only when it is otherwise one edit away (so
 *   "fotographer" does not find "photographer": two edits, one of them the first letter).
 * - A prefix (the last query word) is measured against the closest beginning of the word.
 */

/** Meilisearch's `typoTolerance.minWordSizeForTypos`. */
export type TypoSizes = { oneTypo: number; twoTypos: number }

/** Meilisearch's defaults: one typo from 5 letters, two from 9. */
export const DEFAULT_TYPO_SIZES: TypoSizes = { oneTypo: 5, twoTypos: 9 }

/**
 * The vendor index's sizes: sent to Meilisearch in its settings and applied by the PostgreSQL
 * engine, so both forgive the same words (one typo from 4 letters, two from 8).
 */
export const VENDOR_TYPO_SIZES: TypoSizes = { oneTypo: 4, twoTypos: 8 }

/** How many typos a query word may have. */
export const typoBudget = (query: string, sizes: TypoSizes = DEFAULT_TYPO_SIZES): number => {
  const length = [...query].length
  return length >= sizes.twoTypos ? 2 : length >= sizes.oneTypo ? 1 : 0
}

/**
 * Optimal-string-alignment (restricted Damerau–Levenshtein) distance from `query` to `word`,
 * or, with `prefix`, to the beginning of `word` it is closest to.
 */
export const damerauDistance = (query: string, word: string, prefix = false): number => {
  const a = [...query]
  const b = [...word]
  // rows[i][j]: distance between a[0..i) and b[0..j).
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)]
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1)
      row.push(best)
    }
    rows.push(row)
  }
  const last = rows[a.length]!
  return prefix ? Math.min(...last) : last[b.length]!
}

/** The typos Meilisearch counts between a query word and a word of a document. */
export const typoCount = (query: string, word: string, prefix = false): number => {
  const distance = damerauDistance(query, word, prefix)
  if (distance === 0) return 0
  return [...query][0] === [...word][0] ? distance : distance + 1
}

/**
 * Whether a document word matches a query word under the rule above, with `prefix` for the
 * query's last word (as the user is still typing it). Returns the typos counted, or null.
 */
export const matchTypos = (
  query: string,
  word: string,
  { prefix = false, sizes = DEFAULT_TYPO_SIZES }: { prefix?: boolean; sizes?: TypoSizes } = {},
): number | null => {
  const budget = typoBudget(query, sizes)
  if (budget === 0) return (prefix ? word.startsWith(query) : word === query) ? 0 : null
  const typos = typoCount(query, word, prefix)
  return typos <= budget ? typos : null
}
