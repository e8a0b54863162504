import Link from 'next/link'

const FOOTER_LINKS = [
  ['/vendors', 'Find vendors'],
  ['/signup?role=vendor', 'List your business'],
  ['/pricing', 'Pricing'],
  ['/privacy', 'Privacy'],
  ['/terms', 'Terms'],
] as const

export function Footer() {
  return (
    <footer className="border-t border-gray-200 bg-gray-50 text-sm text-gray-600">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 sm:flex-row sm:justify-between">
        <p>© {new Date().getFullYear()} Event Pros NZ — trusted event vendors across Aotearoa.</p>
        {/* Links tall enough to tap on a phone. */}
        <nav aria-label="Footer" className="-my-2 flex flex-wrap gap-x-4">
          {FOOTER_LINKS.map(([href, label]) => (
            <Link key={href} href={href} className="inline-flex min-h-11 items-center">
              {label}
            </Link>
          ))}
          {/* Served by the API, not a page of the app: a full page load, never prefetched. */}
          <a href="/api/docs" className="inline-flex min-h-11 items-center">
            API
          </a>
        </nav>
      </div>
    </footer>
  )
}
