import { type DashboardViewServerProps, DefaultDashboard } from '@payloadcms/next/views'
import { Gutter } from '@payloadcms/ui'

import { checkRole } from '@/access/roles'

import { VendorDashboard } from './VendorDashboard'

/**
 * The admin's home. A vendor's is their workspace (figures and shortcuts) and nothing else:
 * Payload's cards of collections would offer them grey boxes they have no use for. Staff keep
 * Payload's dashboard with the moderation panel above it.
 */
export async function Dashboard(props: DashboardViewServerProps) {
  if (props.user && checkRole(['vendor'], props.user))
    return (
      <Gutter className="dashboard">
        <VendorDashboard {...props} />
      </Gutter>
    )
  return <DefaultDashboard {...props} />
}
