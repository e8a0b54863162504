/** The 16 regions of New Zealand, as value/label pairs for select fields and filters. */
export const NZ_REGIONS = [
  { value: 'northland', label: 'Northland' },
  { value: 'auckland', label: 'Auckland' },
  { value: 'waikato', label: 'Waikato' },
  { value: 'bay-of-plenty', label: 'Bay of Plenty' },
  { value: 'gisborne', label: 'Gisborne' },
  { value: 'hawkes-bay', label: "Hawke's Bay" },
  { value: 'taranaki', label: 'Taranaki' },
  { value: 'manawatu-whanganui', label: 'Manawatū-Whanganui' },
  { value: 'wellington', label: 'Wellington' },
  { value: 'tasman', label: 'Tasman' },
  { value: 'nelson', label: 'Nelson' },
  { value: 'marlborough', label: 'Marlborough' },
  { value: 'west-coast', label: 'West Coast' },
  { value: 'canterbury', label: 'Canterbury' },
  { value: 'otago', label: 'Otago' },
  { value: 'southland', label: 'Southland' },
] as const

export type RegionValue = (typeof NZ_REGIONS)[number]['value']

export const regionLabel = (value: string | null | undefined): string =>
  NZ_REGIONS.find((region) => region.value === value)?.label ?? ''

/**
 * A town and its region as one label: "Napier, Hawke's Bay", but "Wellington" or "Auckland"
 * alone where the town gives the region its name, and whichever is known when one is missing.
 */
export const placeName = (city: string | null | undefined, region: string | null | undefined) => {
  const town = city?.trim() ?? ''
  const area = region?.trim() ?? ''
  if (!town || !area) return town || area
  const same = town.localeCompare(area, 'en-NZ', { sensitivity: 'base' }) === 0
  return same ? town : `${town}, ${area}`
}

export const ROLES = ['admin', 'moderator', 'vendor', 'organizer'] as const
export type Role = (typeof ROLES)[number]
/** Roles a person may choose for themselves when signing up. */
export const SELF_SERVICE_ROLES: readonly Role[] = ['vendor', 'organizer']

export const PRICE_RANGES = [
  { value: 'budget', label: 'Budget', symbol: '$' },
  { value: 'moderate', label: 'Moderate', symbol: '$$' },
  { value: 'premium', label: 'Premium', symbol: '$$$' },
  { value: 'luxury', label: 'Luxury', symbol: '$$$$' },
] as const

export const VERIFICATION_STATUSES = [
  { value: 'unverified', label: 'Not verified' },
  { value: 'pending', label: 'Pending review' },
  { value: 'verified', label: 'Verified' },
  { value: 'rejected', label: 'Rejected' },
] as const

export const VENDOR_STATUSES = [
  { value: 'draft', label: 'Draft' },
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
] as const

export const EVENT_TYPES = [
  { value: 'wedding', label: 'Wedding' },
  { value: 'corporate', label: 'Corporate event' },
  { value: 'birthday', label: 'Birthday' },
  { value: 'anniversary', label: 'Anniversary' },
  { value: 'conference', label: 'Conference' },
  { value: 'seminar', label: 'Seminar' },
  { value: 'party', label: 'Party' },
  { value: 'celebration', label: 'Celebration' },
  { value: 'other', label: 'Other' },
] as const
export type EventType = (typeof EVENT_TYPES)[number]['value']

export const JOB_STATUSES = [
  { value: 'draft', label: 'Draft' },
  { value: 'published', label: 'Open for quotes' },
  { value: 'closed', label: 'Closed' },
  { value: 'filled', label: 'Booked' },
] as const
export type JobStatus = (typeof JOB_STATUSES)[number]['value']

export const APPLICATION_STATUSES = [
  { value: 'submitted', label: 'Submitted' },
  { value: 'shortlisted', label: 'Shortlisted' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'declined', label: 'Declined' },
  { value: 'withdrawn', label: 'Withdrawn' },
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]['value']

export const BOOKING_STATUSES = [
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'completed', label: 'Completed' },
  { value: 'cancelled', label: 'Cancelled' },
] as const
export type BookingStatus = (typeof BOOKING_STATUSES)[number]['value']

export const INVITATION_STATUSES = [
  { value: 'sent', label: 'Waiting for a reply' },
  { value: 'quoted', label: 'Quoted' },
  { value: 'declined', label: 'Declined' },
  { value: 'withdrawn', label: 'Withdrawn' },
] as const
export type InvitationStatus = (typeof INVITATION_STATUSES)[number]['value']

/** Why a vendor turns an invitation down; the organizer sees the label. */
export const INVITATION_DECLINE_REASONS = [
  { value: 'unavailable', label: 'Not available on the date' },
  { value: 'not-a-fit', label: 'Not the right fit for this job' },
  { value: 'too-far', label: 'Too far away' },
  { value: 'budget', label: 'The budget does not suit' },
  { value: 'other', label: 'Another reason' },
] as const
export type InvitationDeclineReason = (typeof INVITATION_DECLINE_REASONS)[number]['value']

export const REVIEW_STATUSES = [
  { value: 'pending', label: 'Awaiting moderation' },
  { value: 'published', label: 'Published' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'hidden', label: 'Hidden' },
] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]['value']

/** The five things an organizer rates, 1–5 each. */
export const RATING_DIMENSIONS = [
  { value: 'overall', label: 'Overall' },
  { value: 'quality', label: 'Quality' },
  { value: 'communication', label: 'Communication' },
  { value: 'value', label: 'Value for money' },
  { value: 'professionalism', label: 'Professionalism' },
] as const
export type RatingDimension = (typeof RATING_DIMENSIONS)[number]['value']

export const REVIEW_FLAGS = [
  { value: 'link', label: 'Contains a link' },
  { value: 'contact', label: 'Contains contact details' },
  { value: 'profanity', label: 'Contains profanity' },
] as const

export const DOCUMENT_TYPES = [
  { value: 'nzbn', label: 'NZBN business registration' },
  { value: 'insurance', label: 'Public liability insurance certificate' },
  { value: 'licence', label: 'Licence or permit' },
  { value: 'id', label: 'Photo ID' },
] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]['value']

export const DOCUMENT_STATUSES = [
  { value: 'pending', label: 'Awaiting review' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'expired', label: 'Expired' },
] as const
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number]['value']

/** Whether a moderator has looked at a new vendor profile. */
export const PROFILE_REVIEW_STATUSES = [
  { value: 'new', label: 'New, not yet reviewed' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
] as const
