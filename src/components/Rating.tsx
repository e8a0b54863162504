export function Rating({ average, count }: { average?: number | null; count?: number | null }) {
  if (!count) return <p className="text-sm text-gray-500">No reviews yet</p>
  return (
    <p className="text-sm">
      <span aria-hidden className="text-amber-500">
        ★
      </span>{' '}
      <span className="font-semibold">{Number(average ?? 0).toFixed(1)}</span>
      <span className="text-gray-500">
        {' '}
        ({count} {count === 1 ? 'review' : 'reviews'})
      </span>
      <span className="sr-only">out of 5</span>
    </p>
  )
}
