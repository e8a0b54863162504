import type { ReactNode } from 'react'

import { Header } from '@/components/Header'
import { PageMain } from '@/components/PageMain'

// Every page here reads the signed-in person (the header at least): rendered per request and
// never stored in a shared cache. Anonymous visitors get `cached/` instead, where it can be.
export const dynamic = 'force-dynamic'

export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <Header />
      <PageMain>{children}</PageMain>
    </>
  )
}
