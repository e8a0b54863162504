import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload, type Payload } from 'payload'
import { cache } from 'react'

import type { User } from '@/payload-types'

// `cron: true` starts the Jobs Queue runners (search index updates) with the first page render.
export const getPayloadClient = (): Promise<Payload> => getPayload({ config, cron: true })

/**
 * The signed-in person for this request (cookie or API key), or null. Cached per request: the
 * header, the page and its metadata all ask, and each ask would verify the token again.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const payload = await getPayloadClient()
  const { user } = await payload.auth({ headers: await headers() })
  return (user as User | null) ?? null
})
