'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useEffect, useId, useRef, useState } from 'react'

import { LogoutButton } from '../forms/LogoutButton'
import { currentHref, type MenuItem } from './menuItems'

/**
 * The phone menu: a disclosure button ("Menu") and, when open, every destination of the
 * person's role pinned under the header across the whole width. Escape closes it and gives
 * focus back to the button; following a link closes it too.
 */
export function SiteMenu({ items, signedIn }: { items: MenuItem[]; signedIn: boolean }) {
  const pathname = usePathname()
  const [open, setOpen] = useState(false)
  const [shownFor, setShownFor] = useState(pathname)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  // A navigation (a link here, the back button, a redirect) closes the menu.
  if (shownFor !== pathname) {
    setShownFor(pathname)
    setOpen(false)
  }
  useEffect(() => {
    if (!open) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      button.current?.focus()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [open])
  const current = currentHref(items, pathname)
  return (
    <div className="lg:hidden">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((isOpen) => !isOpen)}
        className="flex h-11 min-w-11 items-center justify-center rounded-md px-2 font-medium text-ink hover:bg-gray-100"
        data-testid="menu-button"
      >
        Menu
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="fixed inset-x-0 top-[61px] z-30 max-h-[calc(100dvh-61px)] overflow-y-auto border-b border-gray-200 bg-white shadow-lg"
        data-testid="site-menu"
      >
        <ul className="mx-auto max-w-6xl px-2 py-2">
          {items.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={item.href === current ? 'page' : undefined}
                onClick={() => setOpen(false)}
                className="flex min-h-11 items-center rounded-md px-3 text-base font-medium text-ink no-underline hover:bg-gray-50 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800"
              >
                {item.label}
              </Link>
            </li>
          ))}
          {signedIn && (
            <li className="flex min-h-11 items-center px-3 text-base">
              <LogoutButton />
            </li>
          )}
        </ul>
      </div>
    </div>
  )
}
