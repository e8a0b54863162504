export const MIN_REVIEW_TEXT = 20
export const MAX_REVIEW_TEXT = 2000
export const MAX_REVIEW_PHOTOS = 6
export const MAX_RESPONSE_TEXT = 2000
export const MAX_REPORT_REASON = 500

const DAY_MS = 86_400_000
/** A pending review with nothing flagged and no reports goes live this long after it was written. */
export const AUTO_PUBLISH_AFTER_MS = 2 * DAY_MS
/** The organizer may edit their review, and the vendor their response, for this long. */
export const EDIT_WINDOW_MS = 30 * DAY_MS
/** Insurance holders are reminded this long before their certificate expires. */
export const INSURANCE_REMINDER_MS = 30 * DAY_MS

/** Event Pros Favourite: earned, recomputed daily. */
export const FAVOURITE = {
  minAverage: 4.8,
  minReviews: 5,
  windowMs: 365 * DAY_MS,
  responseWithinMs: DAY_MS,
  minResponseRate: 75,
} as const
