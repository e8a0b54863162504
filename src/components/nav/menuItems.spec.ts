import { currentHref, menuItemsFor, menuRoleOf } from './menuItems'

const hrefs = (role: Parameters<typeof menuItemsFor>[0]) =>
  menuItemsFor(role).map((item) => item.href)

describe('menuItemsFor', () => {
  it('gives a visitor the public pages and the ways in', () => {
    expect(hrefs('anonymous')).toEqual(['/vendors', '/pricing', '/login', '/signup'])
  })

  it('gives an organizer their saved vendors, jobs, posting, bookings, inbox and account', () => {
    expect(hrefs('organizer')).toEqual([
      '/vendors',
      '/saved',
      '/my-jobs',
      '/jobs/new',
      '/bookings',
      '/inbox',
      '/account',
    ])
  })

  it('gives a vendor the job board, quotes, bookings, calendar and their business', () => {
    expect(hrefs('vendor')).toEqual([
      '/jobs',
      '/quotes',
      '/bookings',
      '/calendar',
      '/inbox',
      '/admin',
      '/account',
    ])
  })

  it('gives moderators and admins the moderation queue', () => {
    expect(hrefs('moderator')).toContain('/admin/moderation')
    expect(hrefs('admin')).toEqual(hrefs('moderator'))
  })

  it('never shows staff or vendor pages to a visitor or an organizer', () => {
    for (const role of ['anonymous', 'organizer'] as const) {
      expect(hrefs(role)).not.toContain('/admin')
      expect(hrefs(role)).not.toContain('/admin/moderation')
      expect(hrefs(role)).not.toContain('/quotes')
    }
  })
})

describe('menuRoleOf', () => {
  it('treats a missing or unknown role as a visitor', () => {
    expect(menuRoleOf(null)).toBe('anonymous')
    expect(menuRoleOf({ role: 'superuser' })).toBe('anonymous')
    expect(menuRoleOf({ role: 'vendor' })).toBe('vendor')
  })
})

describe('currentHref', () => {
  it('marks the exact page and the pages beneath it', () => {
    expect(currentHref(menuItemsFor('organizer'), '/bookings')).toBe('/bookings')
    expect(currentHref(menuItemsFor('organizer'), '/my-jobs/12')).toBe('/my-jobs')
  })

  it('prefers the longer match so sub-pages with their own item are not mistaken', () => {
    expect(currentHref(menuItemsFor('organizer'), '/jobs/new')).toBe('/jobs/new')
    expect(currentHref(menuItemsFor('vendor'), '/jobs/7')).toBe('/jobs')
    expect(currentHref(menuItemsFor('admin'), '/admin/moderation')).toBe('/admin/moderation')
  })

  it('marks nothing on a page outside the menu or with a look-alike prefix', () => {
    expect(currentHref(menuItemsFor('vendor'), '/')).toBeNull()
    expect(currentHref(menuItemsFor('vendor'), '/jobsearch')).toBeNull()
  })
})
