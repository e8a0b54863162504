import type { AccessArgs } from 'payload'

import { and, or, type Rule } from './combinators'

const args = {} as AccessArgs
const allow: Rule = () => true
const refuse: Rule = () => false
const rows =
  (field: string): Rule =>
  () => ({ [field]: { equals: 1 } })

describe('or', () => {
  it('allows as soon as one rule allows, whatever the others select', () => {
    expect(or(rows('organizer'), allow, refuse)(args)).toBe(true)
  })

  it('selects the rows any rule selects, and a single rule its own rows unwrapped', () => {
    expect(or(rows('organizer'), refuse, rows('vendorOwner'))(args)).toEqual({
      or: [{ organizer: { equals: 1 } }, { vendorOwner: { equals: 1 } }],
    })
    expect(or(refuse, rows('owner'))(args)).toEqual({ owner: { equals: 1 } })
  })

  it('refuses when every rule refuses', () => {
    expect(or(refuse, refuse)(args)).toBe(false)
  })
})

describe('and', () => {
  it('refuses as soon as one rule refuses, whatever the others allow', () => {
    expect(and(allow, rows('organizer'), refuse)(args)).toBe(false)
  })

  it('selects the rows every rule selects, and allows when all allow', () => {
    expect(and(allow, rows('organizer'), rows('status'))(args)).toEqual({
      and: [{ organizer: { equals: 1 } }, { status: { equals: 1 } }],
    })
    expect(and(allow, rows('owner'))(args)).toEqual({ owner: { equals: 1 } })
    expect(and(allow, allow)(args)).toBe(true)
  })
})
