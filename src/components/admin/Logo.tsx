/** Event Pros NZ's wordmark on the admin's sign-in page, in place of Payload's. */
export function Logo() {
  return (
    <svg
      role="img"
      aria-label="Event Pros NZ"
      viewBox="0 0 240 48"
      width="240"
      height="48"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width="48" height="48" rx="12" fill="#0f766e" />
      <path d="M14 14h20v5H20v3h12v5H20v3h14v5H14z" fill="#ffffff" />
      <text
        x="60"
        y="32"
        fontFamily="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
        fontSize="22"
        fontWeight="700"
        fill="currentColor"
      >
        Event Pros NZ
      </text>
    </svg>
  )
}
