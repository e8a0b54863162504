/** Marks a Local API write as the messaging service's own (see access/isFromMessaging). */
export const MESSAGING_CONTEXT_KEY = 'messaging'
export const messagingContext = { [MESSAGING_CONTEXT_KEY]: true }
