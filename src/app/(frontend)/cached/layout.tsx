import type { ReactNode } from 'react'

import { HeaderView } from '@/components/Header'
import { PageMain } from '@/components/PageMain'

/**
 * Pages for visitors who are not signed in, rendered once and served from Next's cache (and a
 * CDN's): nothing under here may read the request — no cookies, headers or search params — so
 * the header is the anonymous one. `src/proxy.ts` sends only requests without a session cookie
 * here; signed-in people get the `(site)` pages, rendered for them.
 */
export default function CachedLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <HeaderView user={null} />
      <PageMain>{children}</PageMain>
    </>
  )
}
