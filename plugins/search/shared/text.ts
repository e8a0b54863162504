/**
 * Folds a place or search term for matching: lower case, macrons and other accents removed,
 * punctuation collapsed to single spaces. "Whangārei" and "WHANGAREI " both become "whangarei".
 */
export const foldText = (value: string): string =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
