export const DAY_MS = 86_400_000

/** The moment `days` from now (negative for the past), as the API takes dates. */
export const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString()
