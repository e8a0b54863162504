import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { needsStaffEnrolment } from '@/access/roles'
import { ConsentsPanel } from '@/components/account/ConsentsPanel'
import { DataExportPanel } from '@/components/account/DataExportPanel'
import { DeleteAccountPanel } from '@/components/account/DeleteAccountPanel'
import { LinkedAccountsPanel } from '@/components/account/LinkedAccountsPanel'
import { AccountForm } from '@/components/forms/AccountForm'
import { FormMessage } from '@/components/forms/FormMessage'
import { PreferenceToggle } from '@/components/forms/PreferenceToggle'
import { NOTIFICATION_KINDS, notificationKindsFor } from '@/lib/kit/notifications'
import { getCurrentUser } from '@/lib/payload'
import { vendorOwnedBy } from '@/lib/queries'
import { firstParam } from '@/lib/searchParams'
import { tierDefinition } from '@/plugins/billing'

export const metadata: Metadata = { title: 'Your account' }
export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function AccountPage({ searchParams }: Props) {
  const user = await getCurrentUser()
  if (!user) redirect('/login?next=/account')
  const notice = firstParam((await searchParams).notice)
  const vendor = user.role === 'vendor' ? await vendorOwnedBy(user) : null
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-8">
      <header>
        <h1 className="text-2xl font-bold">Kia ora, {user.firstName}</h1>
        <p className="text-gray-600">
          {user.email} · <span className="capitalize">{user.role}</span>
        </p>
      </header>
      {needsStaffEnrolment(user) && (
        <FormMessage error="Your role needs two-step sign-in before the admin works." />
      )}
      {needsStaffEnrolment(user) && (
        <Link className="btn self-start" href="/account/security">
          Set up two-step sign-in
        </Link>
      )}
      {notice === 'admin' && (
        <FormMessage error="The admin area is for vendors and the Event Pros team. Everything you need as an organizer is here on the site." />
      )}
      {user.role === 'vendor' && (
        <section className="card flex flex-col gap-3 p-5" aria-labelledby="business-heading">
          <h2 id="business-heading" className="text-lg font-semibold">
            Your business
          </h2>
          {vendor ? (
            <>
              <p>
                {vendor.businessName} — <span className="capitalize">{vendor.status}</span> ·{' '}
                {tierDefinition(vendor.tier).label} plan (<a href="/admin/billing">Billing</a>,{' '}
                <Link href="/pricing">compare plans</Link>)
              </p>
              <p className="flex flex-wrap gap-3">
                <Link className="btn" href={`/admin/collections/vendors/${vendor.id}`}>
                  Edit profile and portfolio
                </Link>
                <Link className="btn-secondary" href={`/vendors/${vendor.slug}`}>
                  View public page
                </Link>
              </p>
            </>
          ) : (
            <>
              <p>You have not created your vendor profile yet.</p>
              <Link className="btn self-start" href="/account/vendor-profile">
                Create your profile
              </Link>
            </>
          )}
        </section>
      )}
      <section className="card flex flex-col gap-3 p-5" aria-labelledby="marketplace-heading">
        <h2 id="marketplace-heading" className="text-lg font-semibold">
          {user.role === 'vendor' ? 'Jobs and quotes' : 'Your events'}
        </h2>
        <p className="flex flex-wrap gap-3">
          {user.role === 'vendor' ? (
            <>
              <Link className="btn" href="/jobs">
                Job board
              </Link>
              <Link className="btn-secondary" href="/quotes">
                My quotes
              </Link>
            </>
          ) : (
            <>
              <Link className="btn" href="/jobs/new">
                Post a job
              </Link>
              <Link className="btn-secondary" href="/my-jobs">
                My jobs
              </Link>
            </>
          )}
          <Link className="btn-secondary" href="/bookings">
            Bookings
          </Link>
        </p>
      </section>
      <section className="flex flex-col gap-2" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading" className="text-lg font-semibold">
          Emails
        </h2>
        {notificationKindsFor(user.role).map((kind) => {
          const { field, what, label } = NOTIFICATION_KINDS[kind]
          return (
            <PreferenceToggle
              key={kind}
              id={user.id}
              field={field}
              enabled={user[field] !== false}
              what={what}
              label={label}
            />
          )
        })}
      </section>
      <ConsentsPanel user={user} />
      <section className="flex flex-col gap-4" aria-labelledby="details-heading">
        <h2 id="details-heading" className="text-lg font-semibold">
          Your details
        </h2>
        <AccountForm
          id={user.id}
          firstName={user.firstName}
          lastName={user.lastName}
          phone={user.phone ?? ''}
        />
      </section>
      <LinkedAccountsPanel user={user} />
      <DataExportPanel user={user} />
      <section className="flex flex-wrap gap-x-4 gap-y-2 text-sm text-gray-600">
        <Link href="/account/security" data-testid="security-link">
          Sign-in and security (two-step sign-in, sessions)
        </Link>
        <Link href="/forgot-password">Change your password</Link>
      </section>
      <DeleteAccountPanel user={user} />
    </div>
  )
}
