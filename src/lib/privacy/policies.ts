/**
 * The versions of the terms of use and the privacy policy in force: the date each took effect.
 * Changing a policy's text means a new version here; everyone who accepted an older one is
 * asked to accept it on their account page, and their acceptance records the new version.
 */
export const POLICY_VERSIONS = {
  terms: '2026-12-01',
  privacy: '2026-12-01',
} as const

export type PolicyKind = keyof typeof POLICY_VERSIONS

export const POLICY_TITLES: Record<PolicyKind, string> = {
  terms: 'Terms of use',
  privacy: 'Privacy policy',
}

export const POLICY_PATHS: Record<PolicyKind, string> = {
  terms: '/terms',
  privacy: '/privacy',
}

/** Where the person can write to us about their information (Privacy Act 2020, s 201). */
export const PRIVACY_CONTACT_EMAIL = 'privacy@eventpros.nz'
/** Everything else: the address the service's emails come from. */
export const CONTACT_EMAIL = 'hello@eventpros.nz'

/** True when the person has accepted this policy's current version (older or none: false). */
export const hasAcceptedCurrent = (kind: PolicyKind, acceptedVersion: string | null | undefined) =>
  acceptedVersion === POLICY_VERSIONS[kind]

/** A version date as people here read it: "1 December 2026". */
export const formatPolicyDate = (isoDate: string): string =>
  new Intl.DateTimeFormat('en-NZ', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Pacific/Auckland',
  }).format(new Date(isoDate.length === 10 ? `${isoDate}T12:00:00Z` : isoDate))
