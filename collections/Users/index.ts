import type { CollectionConfig } from 'payload'

import { isStaffUser } from '@/access/roles'
import {
  admins,
  adminsOrSelf,
  nobody,
  staffOrSelf,
  staffOrVendors,
  staffWrites,
} from '@/access/rules'
import { ACCESS_TOKEN_SECONDS } from '@/lib/auth/sessions'
import { ROLES } from '@/lib/constants'
import { actionEmailHtml } from '@/lib/kit/emailHtml'
import { serverUrl } from '@/lib/kit/url'

import { slugs } from '../slugs'
import { completeSecondFactor, loginWithSecondFactor } from './endpoints/login'
import { resetPasswordWithPolicy } from './endpoints/resetPassword'
import { consentFeature } from './features/consent'
import { dataExportFeature } from './features/dataExport'
import { erasureFeature } from './features/erasure'
import { oauthFeature } from './features/oauth'
import { suspensionFeature } from './features/suspension'
import { notificationFeedFeature } from './features/notificationFeed'
import { mergeFeatureHooks, type UserFeature } from './features/types'
import { notificationFields } from './fields/notifications'
import { securityFields } from './fields/security'
import { auditRoleChange } from './hooks/auditRoleChange'
import { enforcePasswordPolicy } from './hooks/enforcePasswordPolicy'
import { requireSecondFactor } from './hooks/requireSecondFactor'
import { restrictRoleAssignment } from './hooks/restrictRoleAssignment'
import { stampRoleChange } from './hooks/stampRoleChange'
import { capSessionLifetime, recordSignIn, touchRefreshedSession } from './hooks/trackSessions'

const FIFTEEN_MINUTES = 15 * 60 * 1000
// Letters in any script (Māori macrons included), spaces, hyphens and apostrophes.
const NAME_PATTERN = /^[\p{L}][\p{L}\p{M}' -]*$/u

// Suspension first: a suspended account is refused before any other sign-in step runs.
const features: UserFeature[] = [
  suspensionFeature,
  consentFeature,
  dataExportFeature,
  erasureFeature,
  oauthFeature,
  notificationFeedFeature,
]

const validateName = (value: unknown): true | string => {
  if (typeof value !== 'string' || value.trim() === '') return 'Please enter a name.'
  if (value.length > 100) return 'Use at most 100 characters.'
  return NAME_PATTERN.test(value.trim()) ? true : 'Use letters, spaces, hyphens and apostrophes.'
}

export const Users: CollectionConfig<'users'> = {
  slug: slugs.users,
  // The admin's analytics count each week's sign-ups by role from this index alone.
  indexes: [{ fields: ['createdAt', 'role'] }],
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'firstName', 'lastName', 'role', '_verified', 'suspendedAt'],
    group: 'People',
    hidden: ({ user }) => !isStaffUser(user),
  },
  auth: {
    // The signed-in person is read on every request: their relationships (avatar, who
    // suspended them) stay ids there. Nothing reads them populated, and populating them would
    // add a read of media and of users to each request of anyone with an avatar.
    depth: 0,
    maxLoginAttempts: 5,
    lockTime: FIFTEEN_MINUTES,
    // An hour, refreshed while the person is active, up to 30 days (src/lib/auth/sessions.ts).
    tokenExpiration: ACCESS_TOKEN_SECONDS,
    useSessions: true,
    useAPIKey: true,
    cookies: { sameSite: 'Lax' },
    verify: {
      generateEmailSubject: () => 'Confirm your email for Event Pros NZ',
      generateEmailHTML: ({ token, user }) =>
        actionEmailHtml({
          greetingName: (user as { firstName?: string }).firstName,
          intro: 'Thanks for joining Event Pros NZ. Please confirm your email address.',
          actionLabel: 'Confirm my email',
          actionUrl: serverUrl(`/verify-email?token=${encodeURIComponent(token)}`),
        }),
    },
    forgotPassword: {
      expiration: 60 * 60 * 1000,
      generateEmailSubject: () => 'Reset your Event Pros NZ password',
      generateEmailHTML: (args) =>
        actionEmailHtml({
          greetingName: (args?.user as { firstName?: string } | undefined)?.firstName,
          intro:
            'Someone asked to reset the password for your account. The link works for an hour.',
          actionLabel: 'Choose a new password',
          actionUrl: serverUrl(`/reset-password?token=${encodeURIComponent(args?.token ?? '')}`),
          outro: 'If that was not you, ignore this email and your password stays the same.',
        }),
    },
  },
  access: {
    admin: staffOrVendors,
    create: () => true,
    read: staffOrSelf,
    update: adminsOrSelf,
    // Self-deletion is DELETE /api/users/me (features/erasure.ts): a grace period, then erasure.
    delete: admins,
    unlock: admins,
  },
  endpoints: [
    ...features.flatMap((feature) => feature.endpoints ?? []),
    resetPasswordWithPolicy,
    loginWithSecondFactor,
    completeSecondFactor,
  ],
  hooks: mergeFeatureHooks(
    {
      beforeOperation: [capSessionLifetime],
      beforeValidate: [restrictRoleAssignment, enforcePasswordPolicy],
      beforeChange: [stampRoleChange],
      afterChange: [auditRoleChange],
      beforeLogin: [requireSecondFactor],
      afterLogin: [recordSignIn],
      afterRefresh: [touchRefreshedSession],
    },
    features,
  ),
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'firstName', type: 'text', required: true, maxLength: 100, validate: validateName },
        { name: 'lastName', type: 'text', required: true, maxLength: 100, validate: validateName },
      ],
    },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'organizer',
      saveToJWT: true,
      index: true,
      options: ROLES.map((role) => ({
        label: role[0]!.toUpperCase() + role.slice(1),
        value: role,
      })),
    },
    {
      name: 'phone',
      type: 'text',
      maxLength: 20,
      validate: (value: unknown) =>
        value == null || value === '' || /^\+?[0-9 ()-]{7,20}$/.test(String(value))
          ? true
          : 'Enter a phone number like 021 123 4567 or +64 21 123 4567.',
    },
    { name: 'avatar', type: 'upload', relationTo: slugs.media },
    {
      name: 'jobAlerts',
      type: 'checkbox',
      defaultValue: true,
      label: 'Email me new jobs that match my categories and area (at most one email a day)',
      admin: { condition: (data) => data?.role === 'vendor' },
    },
    {
      name: 'messageEmails',
      type: 'checkbox',
      defaultValue: true,
      label:
        'Email me when a message waits unread for 15 minutes (at most one an hour per conversation)',
    },
    {
      // Payload's own field, which any signed-in user could set on themselves: `false` locked
      // the account until a new confirmation email. Confirmation is the email link's, or staff's.
      name: '_verified',
      type: 'checkbox',
      access: staffWrites,
    },
    {
      name: 'jobAlertsSentAt',
      type: 'date',
      access: { create: nobody, update: nobody },
      admin: { hidden: true },
    },
    ...securityFields,
    ...features.flatMap((feature) => feature.fields ?? []),
    ...notificationFields,
  ],
  timestamps: true,
}
