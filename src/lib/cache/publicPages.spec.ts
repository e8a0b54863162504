import { cachedRouteFor, isCachedCopyPath } from './publicPages'

const route = (pathname: string, { query = '', method = 'GET', hasSession = false } = {}) =>
  cachedRouteFor({ method, pathname, searchParams: new URLSearchParams(query), hasSession })

describe('which requests read the anonymous cache', () => {
  it('serves the home page, the plans and vendor pages to anonymous reads from the cache', () => {
    expect(route('/')).toBe('/cached/home')
    expect(route('/pricing')).toBe('/cached/pricing')
    expect(route('/vendors/lower-hutt-photography')).toBe('/cached/vendors/lower-hutt-photography')
    expect(route('/vendors/kai-2', { method: 'HEAD' })).toBe('/cached/vendors/kai-2')
    // The router's own flight requests read the same copy.
    expect(route('/vendors/kai-2', { query: '_rsc=1x2y' })).toBe('/cached/vendors/kai-2')
  })

  it('renders for the person whenever a session cookie is sent, valid or not', () => {
    expect(route('/', { hasSession: true })).toBeNull()
    expect(route('/vendors/kai-2', { hasSession: true })).toBeNull()
  })

  it('renders per request anything a query could change, and anything not a read', () => {
    expect(route('/', { query: 'notice=signed-out' })).toBeNull()
    expect(route('/vendors/kai-2', { query: '_rsc=1&tab=reviews' })).toBeNull()
    expect(route('/vendors/kai-2', { method: 'POST' })).toBeNull()
  })

  it('caches nothing else, and no path an attacker shapes', () => {
    for (const path of [
      '/vendors',
      '/vendors/',
      '/vendors/kai-2/extra',
      '/vendors/Kai',
      '/vendors/kai%2F..%2Faccount',
      '/vendors/..',
      '/vendors/-kai',
      '/account',
      '/inbox',
      '/bookings',
      '/login',
      '/cached',
      '/pricing/',
    ]) {
      expect(route(path)).toBeNull()
    }
  })

  it('knows the cache’s own paths', () => {
    expect(isCachedCopyPath('/cached')).toBe(true)
    expect(isCachedCopyPath('/cached/home')).toBe(true)
    expect(isCachedCopyPath('/cached/vendors/kai-2')).toBe(true)
    expect(isCachedCopyPath('/cachedx')).toBe(false)
    expect(isCachedCopyPath('/vendors/cached')).toBe(false)
  })
})
