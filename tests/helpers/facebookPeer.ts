import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type FacebookPerson = { id: string; first_name: string; last_name: string; email?: string }

/**
 * A local HTTP peer for the parts of Facebook Login and the Graph API the app uses (as the
 * "Manually Build a Login Flow" guide and the Graph API's User reference describe them):
 *
 * - `GET /v23.0/dialog/oauth`: the login dialog. The person named by `nextLogin` logs in and
 *   the browser goes back to `redirect_uri` with `code` and `state` (`nextLogin = 'cancel'`:
 *   `error=access_denied`, `error_reason=user_denied`, as Facebook sends when they cancel).
 *   A `redirect_uri` other than the app's registered one is refused.
 * - `POST /v23.0/oauth/access_token`: the code for `{ access_token, token_type, expires_in }`,
 *   checking the app id and secret, the same `redirect_uri` and the PKCE `code_verifier`
 *   against the dialog's S256 `code_challenge`. A code works once and for ten minutes; errors
 *   are Facebook's `{ error: { message, type: 'OAuthException', code } }` with status 400.
 * - `GET /v23.0/me?fields=…&appsecret_proof=…`: the person's profile with the bearer token;
 *   `appsecret_proof` must be the HMAC-SHA256 of the token keyed with the app secret. `email`
 *   is only there when the person has one (Facebook says nothing about it being confirmed).
 */
export const startFacebookPeer = async ({
  appId,
  appSecret,
  redirectUri,
}: {
  appId: string
  appSecret: string
  redirectUri: string
}) => {
  const people = new Map<string, FacebookPerson>()
  const state = { nextLogin: '' }
  const codes = new Map<
    string,
    { person: string; challenge: string; redirectUri: string; expires: number }
  >()
  const tokens = new Map<string, string>()
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const oauthError = (res: http.ServerResponse, message: string, code = 100) => {
    res.writeHead(400, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ error: { message, type: 'OAuthException', code } }))
  }
  const json = (res: http.ServerResponse, body: unknown) => {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const readForm = async (req: http.IncomingMessage) => {
    let body = ''
    for await (const chunk of req) body += chunk
    return new URLSearchParams(body)
  }

  server.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin)
      if (url.pathname === '/v23.0/dialog/oauth') {
        const params = url.searchParams
        if (params.get('client_id') !== appId) return oauthError(res, 'Invalid app ID.', 101)
        if (params.get('redirect_uri') !== redirectUri) {
          return oauthError(
            res,
            "URL blocked: this redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.",
            191,
          )
        }
        const back = new URL(redirectUri)
        back.searchParams.set('state', params.get('state') ?? '')
        if (state.nextLogin === 'cancel') {
          back.searchParams.set('error', 'access_denied')
          back.searchParams.set('error_reason', 'user_denied')
          back.searchParams.set('error_description', 'Permissions error.')
        } else {
          const code = crypto.randomBytes(24).toString('base64url')
          codes.set(code, {
            person: state.nextLogin,
            challenge: params.get('code_challenge') ?? '',
            redirectUri,
            expires: Date.now() + 10 * 60 * 1000,
          })
          back.searchParams.set('code', code)
        }
        res.writeHead(302, { Location: `${back.href}#_=_` })
        return res.end()
      }
      if (url.pathname === '/v23.0/oauth/access_token' && req.method === 'POST') {
        const form = await readForm(req)
        if (form.get('client_id') !== appId || form.get('client_secret') !== appSecret) {
          return oauthError(res, 'Error validating client secret.', 1)
        }
        const grant = codes.get(form.get('code') ?? '')
        codes.delete(form.get('code') ?? '')
        if (!grant || grant.expires < Date.now()) {
          return oauthError(res, 'This authorization code has been used.')
        }
        if (form.get('redirect_uri') !== grant.redirectUri) {
          return oauthError(
            res,
            'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
          )
        }
        const verifier = form.get('code_verifier') ?? ''
        const challenge = crypto.createHash('sha256').update(verifier).digest('base64url')
        if (!grant.challenge || challenge !== grant.challenge) {
          return oauthError(res, 'Invalid code verifier.')
        }
        const token = crypto.randomBytes(32).toString('base64url')
        tokens.set(token, grant.person)
        return json(res, { access_token: token, token_type: 'bearer', expires_in: 5183944 })
      }
      if (url.pathname === '/v23.0/me') {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /i, '')
        const person = people.get(tokens.get(token) ?? '')
        if (!person) return oauthError(res, 'Invalid OAuth access token.', 190)
        const proof = crypto.createHmac('sha256', appSecret).update(token).digest('hex')
        if (url.searchParams.get('appsecret_proof') !== proof) {
          return oauthError(res, 'Invalid appsecret_proof provided in the API argument')
        }
        const fields = (url.searchParams.get('fields') ?? 'id,name').split(',')
        return json(
          res,
          Object.fromEntries(Object.entries(person).filter(([field]) => fields.includes(field))),
        )
      }
      res.writeHead(404)
      res.end()
    })().catch((error: unknown) => {
      res.statusCode = 500
      res.end(String(error))
    })
  })

  return {
    dialogUrl: `${origin}/v23.0/dialog/oauth`,
    graphUrl: `${origin}/v23.0`,
    people,
    state,
    /** The browser at Facebook's login dialog: where it is sent back to. */
    signIn: async (dialogUrl: string, personId: string): Promise<URL> => {
      state.nextLogin = personId
      const response = await fetch(dialogUrl, { redirect: 'manual' })
      const location = response.headers.get('location')
      if (!location) throw new Error(`The dialog refused: ${await response.text()}`)
      return new URL(location)
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
