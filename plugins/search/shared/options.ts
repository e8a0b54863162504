import type { SearchOption } from '../types'

/** The label people read for a stored value; '' for a value not in the list. */
export const labelOf = (options: readonly SearchOption[], value: string | null | undefined) =>
  options.find((option) => option.value === value)?.label ?? ''
