import { routeOf } from './routes'

describe('routeOf', () => {
  it('keeps words and replaces ids, names and tokens', () => {
    expect(routeOf('/api/vendors/42')).toBe('/api/vendors/:id')
    expect(routeOf('/api/vendors/search')).toBe('/api/vendors/search')
    expect(routeOf('/vendors/harbour-lights-photography')).toBe('/vendors/:param')
    expect(routeOf('/api/media/file/photo-1200x800.jpg')).toBe('/api/media/file/:name')
    expect(routeOf('/api/calendar/3f9a0c2b7d41e8.ics')).toBe('/api/calendar/:param')
    expect(routeOf('/_next/static/chunks/app-9a8b.js')).toBe('/_next/:asset')
    expect(routeOf('/')).toBe('/')
  })

  it('stops adding routes past its limit, so made-up paths cannot grow the metrics', () => {
    const word = (n: number): string =>
      (n >= 26 ? word(Math.floor(n / 26) - 1) : '') + String.fromCharCode(97 + (n % 26))
    const routes = Array.from({ length: 450 }, (_, index) => routeOf(`/made-up-${word(index)}`))
    expect(routes.at(-1)).toBe('other')
    expect(new Set(routes).size).toBeLessThanOrEqual(401)
    // A route seen before the limit was reached is still itself.
    expect(routeOf('/api/vendors/7')).toBe('/api/vendors/:id')
  })
})
