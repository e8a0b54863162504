/** The id of a relationship value, whether Payload returned it populated (`depth` > 0) or not. */
export const idOf = (value: unknown): number =>
  typeof value === 'object' && value ? (value as { id: number }).id : (value as number)

/** The largest id a PostgreSQL `serial` column holds (2^31 − 1). */
export const MAX_SERIAL_ID = 2_147_483_647

/**
 * A document id as the database can hold it: a whole number from 1 to 2^31 − 1, given as a
 * number or as its digits. Anything else (`abc`, `1.5`, `2147483648`, `1e3`) is null, so the
 * caller answers 404 or 400 instead of letting the database refuse it with a 500.
 */
export const parseSerialId = (value: unknown): number | null => {
  const id =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,10}$/.test(value)
        ? Number(value)
        : NaN
  return Number.isInteger(id) && id >= 1 && id <= MAX_SERIAL_ID ? id : null
}
