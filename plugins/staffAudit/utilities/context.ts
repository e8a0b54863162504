import type { RequestContext } from 'payload'

export const AUDITED_ELSEWHERE = 'staffAudit:auditedElsewhere'

/**
 * The `context` of a Local API write whose caller records its own, more telling audit entry
 * (a suspension, a moderation decision): the plugin adds none, so the log has one entry for
 * one decision. No REST or GraphQL request can set it.
 */
export const auditedElsewhere: RequestContext = { [AUDITED_ELSEWHERE]: true }
