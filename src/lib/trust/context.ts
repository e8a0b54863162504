/** Marks a Local API write as the trust and safety service's own (see access/isFromTrust). */
export const TRUST_CONTEXT_KEY = 'trust'
export const trustContext = { [TRUST_CONTEXT_KEY]: true }
