import type { Metadata } from 'next'
import { headers } from 'next/headers'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { createLocalReq } from 'payload'

import { isStaffUser, needsStaffEnrolment } from '@/access/roles'
import { DisableTwoFactorForm } from '@/components/account/DisableTwoFactorForm'
import { NewRecoveryCodes } from '@/components/account/NewRecoveryCodes'
import { TwoFactorSetup } from '@/components/account/TwoFactorSetup'
import { FormMessage } from '@/components/forms/FormMessage'
import { signOutEverywhere, signOutSession } from '@/lib/auth/securityActions'
import { listSessions } from '@/lib/auth/sessions'
import { isTwoFactorEnabled, recoveryCodesLeft } from '@/lib/auth/twoFactor'
import { getCurrentUser, getPayloadClient } from '@/lib/payload'
import { firstParam } from '@/lib/searchParams'

export const metadata: Metadata = { title: 'Sign-in and security' }
export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const when = (iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat('en-NZ', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Pacific/Auckland',
      }).format(new Date(iso))
    : 'unknown'

export default async function SecurityPage({ searchParams }: Props) {
  const user = await getCurrentUser()
  if (!user) redirect('/login?next=/account/security')
  const params = await searchParams
  const notice = firstParam(params.notice)
  const payload = await getPayloadClient()
  const req = await createLocalReq(
    { user, req: { headers: new Headers(await headers()) } },
    payload,
  )
  const sid = (user as { _sid?: string })._sid
  const [sessions, left] = await Promise.all([
    listSessions(req, user.id, sid),
    recoveryCodesLeft(req, user.id),
  ])
  const enabled = isTwoFactorEnabled(user)
  const staffRole = user.role === 'admin' || user.role === 'moderator'

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-8">
      <header className="flex flex-col gap-1">
        <p className="text-sm">
          <Link href="/account">← Your account</Link>
        </p>
        <h1 className="text-2xl font-bold">Sign-in and security</h1>
      </header>
      {needsStaffEnrolment(user) && (
        <FormMessage
          error={`As ${user.role === 'admin' ? 'an admin' : 'a moderator'} you need two-step sign-in before the admin and staff tools work. Set it up below; it takes a minute.`}
        />
      )}
      {notice === '2fa-off' && <FormMessage success="Two-step sign-in is off." />}
      {notice === 'signed-out' && <FormMessage success="That session is signed out." />}

      <section className="card flex flex-col gap-3 p-5" aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading" className="text-lg font-semibold">
          Two-step sign-in
        </h2>
        {enabled ? (
          <>
            <p data-testid="two-factor-status">
              On since {when(user.totpEnabledAt ?? null)}. Signing in asks for a code from your
              authenticator app.
            </p>
            <NewRecoveryCodes left={left} />
            <details className="flex flex-col gap-3">
              <summary className="cursor-pointer">Turn off two-step sign-in</summary>
              <DisableTwoFactorForm staff={staffRole && isStaffUser(user)} />
            </details>
          </>
        ) : (
          <>
            <p>
              {staffRole
                ? 'Required for your role.'
                : 'Optional, and recommended: besides your password, signing in asks for a code from an app on your phone.'}
            </p>
            <TwoFactorSetup />
          </>
        )}
      </section>

      <section className="card flex flex-col gap-3 p-5" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Where you are signed in
        </h2>
        <p className="text-sm text-gray-600">
          A session stays signed in while you use it, for up to 30 days; at most five at once.
        </p>
        <ul className="flex flex-col divide-y" data-testid="sessions">
          {sessions.map((session) => (
            <li key={session.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div>
                <p className="font-medium">
                  {session.device}
                  {session.current && (
                    <span className="ml-2 text-sm text-green-700">(this device)</span>
                  )}
                </p>
                <p className="text-sm text-gray-600">
                  Signed in {when(session.createdAt)} · last seen {when(session.lastSeenAt)}
                </p>
              </div>
              <form action={signOutSession}>
                <input type="hidden" name="session" value={session.id} />
                <button type="submit" className="btn-secondary text-sm">
                  Sign out
                </button>
              </form>
            </li>
          ))}
        </ul>
        <form action={signOutEverywhere}>
          <button type="submit" className="btn-secondary">
            Sign out everywhere
          </button>
        </form>
      </section>

      <section className="text-sm text-gray-600">
        <Link href="/forgot-password">Change your password</Link> (this signs out your other
        sessions).
      </section>
    </div>
  )
}
