'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

import { currentHref, type MenuItem } from './menuItems'

/** The role's destinations as a row of links on wide screens (the phone menu lists the same). */
export function InlineLinks({ items }: { items: MenuItem[] }) {
  const current = currentHref(items, usePathname())
  return (
    <ul className="hidden items-center gap-4 lg:flex">
      {items.map((item) => (
        <li key={item.href}>
          <Link
            href={item.href}
            aria-current={item.href === current ? 'page' : undefined}
            className="inline-flex min-h-11 items-center font-medium whitespace-nowrap text-ink no-underline aria-[current=page]:text-brand-800 aria-[current=page]:underline"
          >
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  )
}
