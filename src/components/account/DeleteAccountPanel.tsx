import { isTwoFactorEnabled } from '@/lib/auth/twoFactor'
import { GRACE_DAYS } from '@/lib/privacy/erasure/constants'
import type { User } from '@/payload-types'

import { DeleteAccountForm } from './DeleteAccountForm'

/** The account page's "Delete my account": what happens, and the re-confirmed request. */
export function DeleteAccountPanel({ user }: { user: User }) {
  return (
    <section className="card flex flex-col gap-3 p-5" aria-labelledby="delete-account-heading">
      <h2 id="delete-account-heading" className="text-lg font-semibold">
        Delete my account
      </h2>
      <p>
        We erase your account {GRACE_DAYS} days after you ask. Until then, signing in cancels it and
        leaves everything as it was. You are signed out everywhere straight away.
      </p>
      <ul className="list-disc pl-5 text-sm text-gray-700">
        <li>
          {user.role === 'vendor'
            ? 'Your plan ends at once and your profile leaves the site and search.'
            : 'Your open jobs are closed and the quotes on them declined.'}
        </li>
        <li>Your uploads and documents are deleted, and your name and contact details removed.</li>
        <li>
          Bookings and payments are kept for 7 years, as the law requires, and your reviews and
          messages stay for the people they were for, shown as from a former member.
        </li>
      </ul>
      {user.hasPassword === false ? (
        <p className="text-sm text-gray-700">
          Deleting your account is confirmed with your password, and you signed up through Google or
          Facebook. <a href="/forgot-password">Set a password</a> first, then come back here.
        </p>
      ) : (
        <DeleteAccountForm twoFactor={isTwoFactorEnabled(user)} />
      )}
    </section>
  )
}
