import type { AccessArgs, AccessResult, Where } from 'payload'

/** An access rule that answers at once: allowed, refused, or the rows a `Where` selects. */
export type Rule = (args: AccessArgs) => AccessResult

/**
 * Allowed when any rule allows: `true` as soon as one says `true`, else the rows any of them
 * selects (`{ or: [...] }`), else refused. Rules stay filters, so a guessed id is not found.
 */
export const or =
  (...rules: Rule[]): Rule =>
  (args) => {
    const rows: Where[] = []
    for (const rule of rules) {
      const result = rule(args)
      if (result === true) return true
      if (result) rows.push(result)
    }
    if (rows.length === 0) return false
    return rows.length === 1 ? rows[0]! : { or: rows }
  }

/** Allowed when every rule allows: refused as soon as one refuses, else the rows all select. */
export const and =
  (...rules: Rule[]): Rule =>
  (args) => {
    const rows: Where[] = []
    for (const rule of rules) {
      const result = rule(args)
      if (!result) return false
      if (result !== true) rows.push(result)
    }
    if (rows.length === 0) return true
    return rows.length === 1 ? rows[0]! : { and: rows }
  }
