/** Reads one query-string value as a string, ignoring repeats and arrays. */
export const firstParam = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? value[0] : value)?.trim() ?? ''

/** A page number from the query string: a positive integer, else 1. */
export const pageParam = (value: string | string[] | undefined): number => {
  const page = Number.parseInt(firstParam(value), 10)
  return Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1
}
