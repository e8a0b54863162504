export { assignQuoteParties } from './assignQuoteParties'
export { keepQuoteEditsToOpenJobs } from './keepQuoteEditsToOpenJobs'
export { priceQuoteLines } from './priceQuoteLines'
