import type {
  CheckboxField,
  CollectionBeforeChangeHook,
  Condition,
  DateField,
  FieldAccess,
  TextField,
} from 'payload'

import { isStaffUser } from '@/access/roles'
import { systemWritten } from '@/access/rules'
import { POLICY_TITLES, POLICY_VERSIONS, type PolicyKind } from '@/lib/privacy/policies'
import type { User } from '@/payload-types'

import type { UserFeature } from './types'

/**
 * Only the person gives their own consent: staff who make an account for someone cannot accept
 * the policies or opt them in to marketing on their behalf (the person does so on /account).
 */
const notByStaff: FieldAccess = ({ req: { user } }) => !isStaffUser(user)
const theirOwn: FieldAccess = ({ req: { user }, id }) =>
  user != null && id != null && String(user.id) === String(id)

// A new account of one's own: in the admin that is only the first-user screen. Payload also
// validates a field only where its condition holds, so accounts staff make skip the check.
const onOwnSignUp: Condition = (_data, _siblingData, { operation, user }) =>
  operation === 'create' && !isStaffUser(user)

/**
 * `acceptTerms` / `acceptPrivacy`: what a sign-up (or a re-acceptance on /account) sends. They
 * are not stored; `recordConsents` turns `true` into the version in force and the server's
 * time, so nobody can claim to have accepted another version or at another time. A sign-up
 * through the API or the site's form needs both; system code (`overrideAccess`) says so itself.
 */
const acceptance = (name: 'acceptTerms' | 'acceptPrivacy', kind: PolicyKind): CheckboxField => ({
  name,
  type: 'checkbox',
  virtual: true,
  label: `I accept the ${POLICY_TITLES[kind].toLowerCase()} (version ${POLICY_VERSIONS[kind]})`,
  access: { create: notByStaff, update: theirOwn },
  admin: { readOnly: false, condition: onOwnSignUp },
  validate: (value, { operation, overrideAccess }) =>
    operation !== 'create' || overrideAccess || value === true
      ? true
      : `Tick the box to accept the ${POLICY_TITLES[kind].toLowerCase()}; an account needs it.`,
})

const acceptedVersion = (name: string, label: string): TextField => ({
  name,
  type: 'text',
  label,
  access: systemWritten,
  admin: { readOnly: true },
})

const stampedTime = (name: string, label: string): DateField => ({
  name,
  type: 'date',
  label,
  access: systemWritten,
  admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
})

/**
 * Sets the versions and times from the server's constants and clock: an acceptance sent as
 * `true` records the version in force now; a change of the marketing choice records when.
 * The stamps themselves are `systemWritten`, so a value sent for them never arrives here.
 */
export const recordConsents: CollectionBeforeChangeHook<User> = ({
  data,
  operation,
  originalDoc,
}) => {
  const now = new Date().toISOString()
  const stamped: Partial<User> = { ...data }
  if (data.acceptTerms === true) {
    stamped.termsVersion = POLICY_VERSIONS.terms
    stamped.termsAcceptedAt = now
  }
  if (data.acceptPrivacy === true) {
    stamped.privacyVersion = POLICY_VERSIONS.privacy
    stamped.privacyAcceptedAt = now
  }
  const marketingChanged =
    operation === 'create' ||
    (data.marketingEmails !== undefined &&
      Boolean(data.marketingEmails) !== Boolean(originalDoc?.marketingEmails))
  if (marketingChanged) stamped.marketingEmailsChangedAt = now
  return stamped
}

export const consentFeature: UserFeature = {
  fields: [
    acceptance('acceptTerms', 'terms'),
    acceptance('acceptPrivacy', 'privacy'),
    {
      type: 'collapsible',
      label: 'Consents',
      admin: {
        initCollapsed: true,
        description:
          'Set by the person: at sign-up and on their account page. Staff cannot give consent for someone.',
      },
      fields: [
        acceptedVersion('termsVersion', 'Terms of use accepted (version)'),
        stampedTime('termsAcceptedAt', 'Terms of use accepted at'),
        acceptedVersion('privacyVersion', 'Privacy policy accepted (version)'),
        stampedTime('privacyAcceptedAt', 'Privacy policy accepted at'),
        {
          // Separate from the terms and off unless the person ticks it (Unsolicited Electronic
          // Messages Act 2007: consent to marketing is its own, express choice).
          name: 'marketingEmails',
          type: 'checkbox',
          defaultValue: false,
          label: 'Send me news and offers from Event Pros NZ (marketing email)',
          access: { create: notByStaff, update: theirOwn },
        },
        stampedTime('marketingEmailsChangedAt', 'Marketing choice last changed'),
      ],
    },
  ],
  hooks: { beforeChange: [recordConsents] },
}
