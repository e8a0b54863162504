import { headers } from 'next/headers'

import { getPayloadClient } from '@/lib/payload'

import { type PendingIdentity, pendingCookie } from './flow'

/** For the sign-up and link pages: the identity waiting in this browser, if it is `kind`. */
export const pendingIdentity = async (
  kind: PendingIdentity['kind'],
): Promise<PendingIdentity | null> => {
  const pending = await pendingCookie.read({
    payload: await getPayloadClient(),
    headers: new Headers(await headers()),
  })
  return pending?.kind === kind ? pending : null
}
