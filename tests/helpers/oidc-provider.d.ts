/** The little of `oidc-provider` (which ships no types) that the tests' issuer uses. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  type Handler = (req: IncomingMessage, res: ServerResponse) => void
  type Account = { accountId: string; claims: () => Promise<Record<string, unknown>> }

  export type Configuration = {
    clients: Record<string, unknown>[]
    claims?: Record<string, string[]>
    cookies?: { keys: string[] }
    features?: Record<string, { enabled: boolean }>
    findAccount: (ctx: unknown, id: string) => Promise<Account | undefined>
    interactions?: { url: (ctx: unknown, interaction: { uid: string }) => string }
    pkce?: { required: () => boolean }
    ttl?: Record<string, number>
  }

  class Grant {
    constructor(properties: { accountId: string; clientId: string })
    addOIDCScope(scope: string): void
    save(): Promise<string>
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration)
    Grant: typeof Grant
    callback(): Handler
    interactionDetails(
      req: IncomingMessage,
      res: ServerResponse,
    ): Promise<{ uid: string; params: Record<string, string> }>
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>
    on(event: string, listener: (...args: unknown[]) => void): void
  }
}
