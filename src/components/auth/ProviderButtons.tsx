type Provider = { id: string; label: string }

/**
 * "Continue with Google/Facebook" for the providers that are set up (none: nothing shown).
 * Plain links: the route sends the browser on to the provider, with or without JavaScript.
 */
export function ProviderButtons({ providers, next }: { providers: Provider[]; next?: string }) {
  if (providers.length === 0) return null
  const query = next ? `?${new URLSearchParams({ next })}` : ''
  return (
    <div className="flex flex-col gap-3" data-testid="provider-buttons">
      {providers.map((provider) => (
        <a
          key={provider.id}
          className="btn-secondary justify-center"
          href={`/api/users/oauth/${provider.id}${query}`}
        >
          Continue with {provider.label}
        </a>
      ))}
      <p className="flex items-center gap-3 text-sm text-gray-500">
        <span className="h-px flex-1 bg-gray-200" aria-hidden="true" />
        or use your email
        <span className="h-px flex-1 bg-gray-200" aria-hidden="true" />
      </p>
    </div>
  )
}
