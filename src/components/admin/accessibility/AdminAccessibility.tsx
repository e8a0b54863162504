'use client'

import { type ReactNode, useEffect } from 'react'

import { repairAdminAccessibility } from './repairs'

/**
 * An admin provider that applies `repairAdminAccessibility` to the page as Payload renders it,
 * at most once a frame however many changes arrive.
 */
export function AdminAccessibility({ children }: { children?: ReactNode }) {
  useEffect(() => {
    let frame = 0
    const repair = () => {
      if (frame) return
      frame = requestAnimationFrame(() => {
        frame = 0
        repairAdminAccessibility(document)
      })
    }
    repair()
    const observer = new MutationObserver(repair)
    observer.observe(document.body, { childList: true, subtree: true })
    return () => {
      observer.disconnect()
      cancelAnimationFrame(frame)
    }
  }, [])
  return <>{children}</>
}
