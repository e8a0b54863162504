import { or } from '@/access/combinators'
import { admins, adminsOrOwner, vendors } from '@/access/rules'

/**
 * Integrators: a vendor for the events of their own business, an admin for the platform's.
 * Organizers use the site, not the API (Payload gives API keys to admin-panel users only).
 */
export const canRegisterWebhooks = or(vendors, admins)

/** An endpoint is its owner's; admins see and manage every one (support, abuse). */
export const ownEndpoints = adminsOrOwner
