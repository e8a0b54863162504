import Link from 'next/link'

export function Footer() {
  return (
    <footer className="border-t border-gray-200 bg-gray-50 text-sm text-gray-600">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 sm:flex-row sm:justify-between">
        <p>© {new Date().getFullYear()} Event Pros NZ — trusted event vendors across Aotearoa.</p>
        <p className="flex flex-wrap gap-4">
          <Link href="/vendors">Find vendors</Link>
          <Link href="/signup?role=vendor">List your business</Link>
          <Link href="/pricing">Pricing</Link>
          <a href="/api/graphql-playground">API</a>
          <Link href="/privacy">Privacy</Link>
          <Link href="/terms">Terms</Link>
        </p>
      </div>
    </footer>
  )
}
