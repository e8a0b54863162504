import type { ReactNode } from 'react'

/** The page's own content, after the header: the skip link's target. */
export function PageMain({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-10">
      {children}
    </main>
  )
}
