'use client'

import { useEffect, useRef } from 'react'

/**
 * Tells the organizer the invited vendor has opened their request: once, after the page
 * rendered in a browser (a link preview or a crawler runs no script and marks nothing).
 */
export function InvitationSeen({ invitationId }: { invitationId: number }) {
  const sent = useRef(false)
  useEffect(() => {
    if (sent.current) return
    sent.current = true
    void fetch(`/api/invitations/${invitationId}/seen`, {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
    }).catch(() => undefined)
  }, [invitationId])
  return null
}
