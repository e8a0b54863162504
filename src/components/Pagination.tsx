import Link from 'next/link'

/**
 * The last page of `total` results, `perPage` to a page, or null when `page` is within it. A
 * page past the end (an old link, a hand-typed `?page=99`) goes to the last page instead of
 * "Page 99 of 17" over nothing.
 */
export const pageBeyondLast = (page: number, total: number, perPage: number): number | null => {
  const last = Math.max(1, Math.ceil(total / perPage))
  return total > 0 && page > last ? last : null
}

export function Pagination({
  page,
  totalPages,
  href,
}: {
  page: number
  totalPages: number
  href: (page: number) => string
}) {
  if (totalPages <= 1) return null
  return (
    <nav aria-label="Pages" className="mt-6 flex items-center justify-between gap-4 text-sm">
      {page > 1 ? (
        <Link className="btn-secondary" href={href(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-gray-600">
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <Link className="btn-secondary" href={href(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}
