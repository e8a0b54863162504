import Link from 'next/link'
import { Suspense } from 'react'

import { providerLabel } from '@/lib/auth/oauth/messages'
import { enabledProviders } from '@/lib/auth/oauth/providers'
import type { User } from '@/payload-types'

import { LinkedAccountsNotice } from './LinkedAccountsNotice'
import { UnlinkProviderButton } from './UnlinkProviderButton'

const linkedOn = (iso: string) =>
  new Intl.DateTimeFormat('en-NZ', { dateStyle: 'medium', timeZone: 'Pacific/Auckland' }).format(
    new Date(iso),
  )

/**
 * The Google and Facebook accounts the person signs in with: each listed with an unlink
 * button, and a link button for each provider set up here and not yet linked. An account with
 * no password is told how to set one, since its last provider cannot be unlinked until then.
 */
export function LinkedAccountsPanel({ user }: { user: User }) {
  const linked = user.linkedIdentities ?? []
  const available = enabledProviders().filter(
    (provider) => !linked.some((identity) => identity.provider === provider.id),
  )
  if (linked.length === 0 && available.length === 0) return null
  return (
    <section
      className="card flex flex-col gap-3 p-5"
      aria-labelledby="linked-heading"
      data-testid="linked-accounts"
    >
      <h2 id="linked-heading" className="text-lg font-semibold">
        Log in with Google or Facebook
      </h2>
      <Suspense>
        <LinkedAccountsNotice />
      </Suspense>
      {linked.length > 0 && (
        <ul className="flex flex-col gap-4">
          {linked.map((identity) => (
            <li key={identity.provider} className="flex flex-col gap-2">
              <p>
                <strong>{providerLabel(identity.provider)}</strong>
                {identity.email ? ` (${identity.email})` : ''}, linked {linkedOn(identity.linkedAt)}
              </p>
              <UnlinkProviderButton
                provider={identity.provider}
                label={providerLabel(identity.provider)}
              />
            </li>
          ))}
        </ul>
      )}
      {user.hasPassword === false && (
        <p className="text-sm text-gray-600">
          You have no password for this account yet, so you log in with{' '}
          {linked.map((identity) => providerLabel(identity.provider)).join(' or ')}. To add one, use{' '}
          <Link href="/forgot-password">Forgot your password?</Link> with {user.email}.
        </p>
      )}
      {available.length > 0 && (
        <p className="flex flex-wrap gap-3">
          {available.map((provider) => (
            <a key={provider.id} className="btn-secondary" href={`/api/users/oauth/${provider.id}`}>
              Link {provider.label}
            </a>
          ))}
        </p>
      )}
    </section>
  )
}
