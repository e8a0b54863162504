import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { parseEnv } from './kit/env'
import { geocoderFromEnv } from './search'

const envWith = (variables: Record<string, string>) =>
  parseEnv({
    EMBEDDED_PG_DATA_DIR: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'geo-env-')), 'pg'),
    ...variables,
  })

describe('the geocoder the environment chooses', () => {
  it('leaves the browser token to the map: a server never geocodes with it', () => {
    expect(geocoderFromEnv(envWith({ NEXT_PUBLIC_MAPBOX_TOKEN: 'pk.browser' })).name).toBe(
      'gazetteer',
    )
  })

  it('geocodes addresses with Mapbox when the server has a token of its own', () => {
    const env = envWith({
      NEXT_PUBLIC_MAPBOX_TOKEN: 'pk.browser',
      MAPBOX_SERVER_TOKEN: 'sk.server',
    })
    expect(geocoderFromEnv(env).name).toBe('mapbox')
  })
})
