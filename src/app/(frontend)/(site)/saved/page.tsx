import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { RequestQuote } from '@/components/invitations/RequestQuote'
import { ActionButton } from '@/components/jobs/ActionButton'
import { MessageButton } from '@/components/messaging/MessageButton'
import { Rating } from '@/components/Rating'
import { NewSavedList } from '@/components/saved/NewSavedList'
import { placeName, regionLabel } from '@/lib/constants'
import { idOf } from '@/lib/kit/ids'
import { newJobForVendors } from '@/lib/marketplace/invitationLimits'
import { jobsOpenForRequests } from '@/lib/marketplace/queries'
import { getCurrentUser } from '@/lib/payload'
import { savedListsOf } from '@/lib/saved/queries'
import type { Vendor } from '@/payload-types'

export const metadata: Metadata = { title: 'Saved vendors' }

/** An organizer's saved vendor lists: compare, message, or take a vendor off. */
export default async function SavedPage() {
  const user = await getCurrentUser()
  if (!user) redirect('/login?next=/saved')
  if (user.role !== 'organizer') {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold">Saved vendors</h1>
        <p className="card p-5">Saved lists are for organizers planning an event.</p>
      </div>
    )
  }
  // Vendors are read as the organizer may see them: one no longer on the site stays an id.
  const [lists, openJobs] = await Promise.all([savedListsOf(user, 1), jobsOpenForRequests(user)])
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Saved vendors</h1>
      {lists.length === 0 && (
        <p className="card p-5">
          Nothing saved yet. <Link href="/vendors">Find vendors</Link> and press Save to keep the
          ones you like in a list.
        </p>
      )}
      {lists.map((list) => {
        const vendors = list.vendors ?? []
        const onSite = vendors.flatMap((entry) =>
          typeof entry === 'object' ? [{ id: entry.id, name: entry.businessName }] : [],
        )
        return (
          <section
            key={list.id}
            className="card flex flex-col gap-3 p-4"
            aria-labelledby={`list-${list.id}`}
            data-testid="saved-list"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id={`list-${list.id}`} className="text-lg font-semibold">
                {list.name}{' '}
                <span className="text-sm font-normal text-gray-600">
                  ({vendors.length} {vendors.length === 1 ? 'vendor' : 'vendors'})
                </span>
              </h2>
              <div className="flex flex-wrap gap-2">
                {onSite.length > 0 && (
                  <RequestQuote
                    vendors={onSite}
                    groupName={list.name}
                    jobs={openJobs}
                    newJobHref={newJobForVendors(onSite.map((vendor) => vendor.id))}
                    compact
                  />
                )}
                <ActionButton
                  action={`/api/saved-lists/${list.id}`}
                  method="DELETE"
                  label="Delete list"
                  ariaLabel={`Delete the list “${list.name}”`}
                  variant="danger"
                  confirm={{
                    title: `Delete “${list.name}”?`,
                    text: 'The list goes; the vendors on it are not told.',
                    confirmLabel: 'Delete list',
                  }}
                  success={`You deleted “${list.name}”.`}
                />
              </div>
            </div>
            {vendors.length === 0 ? (
              <p className="text-sm text-gray-700">
                Empty: press Save on a vendor to add them here.
              </p>
            ) : (
              <ul className="flex flex-col divide-y divide-gray-100">
                {vendors.map((entry) => {
                  const vendor = typeof entry === 'object' ? (entry as Vendor) : null
                  const vendorId = idOf(entry)
                  return (
                    <li
                      key={vendorId}
                      className="flex flex-wrap items-center justify-between gap-3 py-3"
                      data-testid="saved-vendor"
                    >
                      {vendor ? (
                        <div className="flex flex-col gap-0.5">
                          <Link href={`/vendors/${vendor.slug}`} className="font-semibold">
                            {vendor.businessName}
                          </Link>
                          <span className="text-sm text-gray-600">
                            {placeName(vendor.location?.city, regionLabel(vendor.location?.region))}
                          </span>
                          <Rating
                            average={vendor.rating?.average ?? 0}
                            count={vendor.rating?.count ?? 0}
                          />
                        </div>
                      ) : (
                        <p className="text-sm text-gray-700">A vendor no longer on the site</p>
                      )}
                      <div className="flex flex-wrap gap-2">
                        {vendor && (
                          <MessageButton
                            vendorId={vendor.id}
                            label={`Message ${vendor.businessName}`}
                          />
                        )}
                        <ActionButton
                          action={`/api/saved-lists/${list.id}/vendors/${vendorId}`}
                          method="DELETE"
                          label="Remove"
                          ariaLabel={`Remove ${vendor?.businessName ?? 'this vendor'} from “${list.name}”`}
                          success={`Removed from “${list.name}”.`}
                        />
                      </div>
                    </li>
                  )
                })}
              </ul>
            )}
          </section>
        )
      })}
      <NewSavedList />
    </div>
  )
}
