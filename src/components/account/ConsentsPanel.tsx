import Link from 'next/link'

import {
  formatPolicyDate,
  hasAcceptedCurrent,
  POLICY_PATHS,
  POLICY_TITLES,
  POLICY_VERSIONS,
  type PolicyKind,
} from '@/lib/privacy/policies'
import type { User } from '@/payload-types'

import { AcceptPolicyButton, MarketingToggle } from './ConsentControls'

const POLICIES = [
  { kind: 'terms', field: 'acceptTerms', version: 'termsVersion', at: 'termsAcceptedAt' },
  { kind: 'privacy', field: 'acceptPrivacy', version: 'privacyVersion', at: 'privacyAcceptedAt' },
] as const satisfies readonly {
  kind: PolicyKind
  field: keyof User
  version: keyof User
  at: keyof User
}[]

/**
 * The person's consents on /account: which version of each policy they accepted and when, a
 * request to accept a newer one, and the marketing opt-in with when it last changed.
 */
export function ConsentsPanel({ user }: { user: User }) {
  return (
    <section className="card flex flex-col gap-4 p-5" aria-labelledby="consents-heading">
      <h2 id="consents-heading" className="text-lg font-semibold">
        Your consents
      </h2>
      <ul className="flex flex-col gap-4">
        {POLICIES.map(({ kind, field, version, at }) => {
          const title = POLICY_TITLES[kind]
          const accepted = user[version]
          const acceptedAt = user[at]
          const current = hasAcceptedCurrent(kind, accepted)
          return (
            <li key={kind} className="flex flex-col gap-2" data-testid={`consent-${kind}`}>
              <p>
                <Link href={POLICY_PATHS[kind]} className="font-medium">
                  {title}
                </Link>
                {': '}
                {accepted && acceptedAt
                  ? `you accepted version ${accepted} on ${formatPolicyDate(acceptedAt)}.`
                  : 'you have not accepted it yet.'}
              </p>
              {!current && (
                <>
                  <p className="text-sm text-gray-700">
                    {accepted
                      ? `A new version took effect on ${formatPolicyDate(POLICY_VERSIONS[kind])}. `
                      : ''}
                    Please{' '}
                    <Link href={POLICY_PATHS[kind]}>read version {POLICY_VERSIONS[kind]}</Link> and
                    accept it below.
                  </p>
                  <AcceptPolicyButton id={user.id} field={field} title={title.toLowerCase()} />
                </>
              )}
            </li>
          )
        })}
        <li className="flex flex-col gap-1" data-testid="consent-marketing">
          <MarketingToggle id={user.id} enabled={user.marketingEmails === true} />
          <p className="text-sm text-gray-600">
            {user.marketingEmailsChangedAt
              ? `Last changed on ${formatPolicyDate(user.marketingEmailsChangedAt)}.`
              : 'Off until you turn it on.'}{' '}
            Emails about your account, jobs, quotes and messages are set under Emails.
          </p>
        </li>
      </ul>
    </section>
  )
}
