import http from 'node:http'
import type { AddressInfo } from 'node:net'

import Provider from 'oidc-provider'

export type TestAccount = {
  email: string
  email_verified: boolean
  given_name: string
  family_name: string
}

/**
 * A real OpenID Connect provider (panva's `oidc-provider`, certified) on 127.0.0.1 and a
 * random port, with one client for the app: authorization code flow, PKCE required, client
 * secret posted. Its login screen is scripted: whoever `nextLogin` names signs in and consents
 * at once, or with `nextLogin = 'cancel'` the person cancels (access_denied).
 */
export const startOidcIssuer = async ({
  clientId,
  clientSecret,
  redirectUri,
}: {
  clientId: string
  clientSecret: string
  redirectUri: string
}) => {
  const accounts = new Map<string, TestAccount>()
  const state = { nextLogin: '' }
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    // Lifetimes of its own (seconds), so it does not warn about the defaults on every sign-in.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name'],
    },
    cookies: { keys: ['oidc-issuer-test-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id)
      return account && { accountId: id, claims: async () => ({ sub: id, ...account }) }
    },
  })
  // The provider logs refused requests (a replayed code) as errors; they are the tests' point.
  provider.on('server_error', () => undefined)
  const handle = provider.callback()
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res)
    void (async () => {
      const details = await provider.interactionDetails(req, res)
      if (state.nextLogin === 'cancel') {
        return provider.interactionFinished(req, res, {
          error: 'access_denied',
          error_description: 'The person cancelled.',
        })
      }
      const grant = new provider.Grant({
        accountId: state.nextLogin,
        clientId: details.params.client_id!,
      })
      grant.addOIDCScope(details.params.scope!)
      const grantId = await grant.save()
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: state.nextLogin }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      )
    })().catch((error: unknown) => {
      res.statusCode = 500
      res.end(String(error))
    })
  })

  /** Cookies the browser keeps for the provider (its session and interaction). */
  const jar = new Map<string, string>()

  return {
    issuer,
    accounts,
    state,
    /**
     * The browser's trip through the provider: from our redirect to its authorization
     * endpoint, through the scripted login, to the callback address it sends the browser to.
     */
    signIn: async (authorizationUrl: string, accountId: string): Promise<URL> => {
      state.nextLogin = accountId
      jar.clear()
      let url = new URL(authorizationUrl)
      for (let hop = 0; hop < 10; hop += 1) {
        const response = await fetch(url, {
          redirect: 'manual',
          headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
        })
        for (const cookie of response.headers.getSetCookie()) {
          const [pair] = cookie.split(';')
          const [name, ...value] = pair!.split('=')
          jar.set(name!.trim(), value.join('='))
        }
        const location = response.headers.get('location')
        if (!location) {
          throw new Error(
            `The provider stopped at ${url}: ${response.status} ${await response.text()}`,
          )
        }
        url = new URL(location, url)
        if (url.origin !== issuer) return url
      }
      throw new Error('The provider redirected too many times.')
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Keep-alive connections from the app's fetches would hold the server open.
        server.closeAllConnections()
      }),
  }
}

export type OidcIssuer = Awaited<ReturnType<typeof startOidcIssuer>>
