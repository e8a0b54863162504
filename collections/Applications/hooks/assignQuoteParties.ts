import type { CollectionBeforeChangeHook } from 'payload'

import { writerValue } from '@/access/writers'
import type { ApplyContext } from '@/lib/marketplace/transitions'
import type { Application } from '@/payload-types'

/**
 * A new quote's job, vendor and the two accounts on either side come from the apply endpoint,
 * never from the body; it starts `submitted` with the first line of its history.
 */
export const assignQuoteParties: CollectionBeforeChangeHook<Application> = ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create') return data
  const parties = writerValue<ApplyContext>(req, 'quoting')
  return {
    ...data,
    ...(parties ?? {}),
    status: 'submitted',
    history: [{ from: null, to: 'submitted', by: req.user?.id, at: new Date().toISOString() }],
  }
}
