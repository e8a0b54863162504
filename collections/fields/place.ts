import type { Field } from 'payload'

import { NZ_REGIONS } from '@/lib/constants'

export const regionOptions = NZ_REGIONS.map(({ label, value }) => ({ label, value }))

/** Town and region, side by side: how vendors and jobs say where they are. */
export const townAndRegionRow: Field = {
  type: 'row',
  fields: [
    { name: 'city', type: 'text', required: true, maxLength: 100 },
    { name: 'region', type: 'select', required: true, options: regionOptions, index: true },
  ],
}

/** Latitude and longitude in degrees, validated to their ranges. */
export const coordinatesRow: Field = {
  type: 'row',
  fields: [
    { name: 'lat', type: 'number', min: -90, max: 90 },
    { name: 'lng', type: 'number', min: -180, max: 180 },
  ],
}
