'use server'

import { createLocalReq } from 'payload'

import { RequestError } from '@/lib/kit/errors'
import { getPayloadClient } from '@/lib/payload'

import { setNotificationFromLink } from './unsubscribe'

export type LinkToggleState = { error: string | null; enabled: boolean | null }

/**
 * The unsubscribe page's button: turns the kind its link names back on (or off again). The
 * token in the form is the authority, as it is for the one-click post; no sign-in needed.
 */
export async function toggleNotificationByLink(
  _previous: LinkToggleState,
  form: FormData,
): Promise<LinkToggleState> {
  const enabled = form.get('enabled') === 'true'
  const payload = await getPayloadClient()
  try {
    const change = await setNotificationFromLink(
      await createLocalReq({}, payload),
      form.get('token'),
      enabled,
    )
    return { error: null, enabled: change.enabled }
  } catch (error) {
    if (error instanceof RequestError) return { error: error.message, enabled: null }
    throw error
  }
}
