/** The id of a relationship value, whether Payload returned it populated (`depth` > 0) or not. */
export const idOf = (value: unknown): number =>
  typeof value === 'object' && value ? (value as { id: number }).id : (value as number)
