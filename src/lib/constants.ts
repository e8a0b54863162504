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

export const TIERS = [
  { value: 'essential', label: 'Essential' },
  { value: 'showcase', label: 'Showcase' },
  { value: 'spotlight', label: 'Spotlight' },
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
