/** Event Pros NZ's mark in the admin's navigation, in place of Payload's. */
export function Icon() {
  return (
    <svg
      role="img"
      aria-label="Event Pros NZ"
      viewBox="0 0 48 48"
      width="28"
      height="28"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width="48" height="48" rx="12" fill="#0f766e" />
      <path d="M14 14h20v5H20v3h12v5H20v3h14v5H14z" fill="#ffffff" />
    </svg>
  )
}
