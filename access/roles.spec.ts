import { checkRole, hasStaffSecondFactor, isStaffUser } from './roles'

const DAY = 24 * 60 * 60 * 1000
const joined = '2026-11-20T00:00:00.000Z'
const at = (days: number) => new Date(joined).getTime() + days * DAY

describe('staff powers need two-factor sign-in', () => {
  it('are refused to an admin or moderator without it, and kept by other roles', () => {
    expect(isStaffUser({ role: 'admin', createdAt: joined })).toBe(false)
    expect(isStaffUser({ role: 'moderator', createdAt: joined })).toBe(false)
    expect(isStaffUser({ role: 'admin', totpEnabledAt: joined })).toBe(true)
    expect(checkRole(['vendor'], { role: 'vendor', createdAt: joined })).toBe(true)
  })

  it('allow a grace period counted from the role change, or else from joining', () => {
    const fresh = { role: 'moderator' as const, createdAt: joined }
    expect(hasStaffSecondFactor(fresh, at(2), 0)).toBe(false)
    expect(hasStaffSecondFactor(fresh, at(2), 3)).toBe(true)
    expect(hasStaffSecondFactor(fresh, at(3.01), 3)).toBe(false)
    const promoted = { ...fresh, roleChangedAt: new Date(at(10)).toISOString() }
    expect(hasStaffSecondFactor(promoted, at(12), 3)).toBe(true)
    expect(hasStaffSecondFactor(promoted, at(13.5), 3)).toBe(false)
  })
})
