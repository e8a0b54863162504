'use client'

import { useEffect, useRef } from 'react'

/**
 * Tells the server this vendor's page was seen, once per page load, after it rendered: a
 * beacon rather than counting while rendering, so the page itself is the same for everyone
 * and a crawler that runs no script counts nothing. The server decides what counts.
 */
export function ProfileViewBeacon({ vendorId }: { vendorId: number }) {
  const sent = useRef(false)
  useEffect(() => {
    if (sent.current) return
    sent.current = true
    const url = `/api/vendors/${vendorId}/views`
    if (navigator.sendBeacon?.(url)) return
    void fetch(url, { method: 'POST', keepalive: true, credentials: 'same-origin' }).catch(
      () => undefined,
    )
  }, [vendorId])
  return null
}
