import type { ApiResponse, RestClient } from './rest'

export const ORIGIN = 'http://localhost:3000'

/**
 * One browser's cookies for the app, as `Set-Cookie` answers leave them, and the headers a
 * browser sends with each kind of request, which Payload's CSRF check reads.
 */
export class Browser {
  readonly cookies = new Map<string, string>()
  constructor(private readonly rest: RestClient) {}

  keep(response: ApiResponse) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';')
      const [name, ...value] = pair!.split('=')
      const gone = attributes.some((attribute) => attribute.trim().toLowerCase() === 'max-age=0')
      if (gone || value.join('=') === '') this.cookies.delete(name!.trim())
      else this.cookies.set(name!.trim(), value.join('='))
    }
    return response
  }
  get headers() {
    return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') }
  }
  /**
   * A navigation: from a link on our pages (`same-origin`) or a provider's redirect back
   * (`cross-site`), which is how Payload's CSRF check tells whether to accept the session cookie.
   */
  async get(url: string, site: 'same-origin' | 'cross-site' = 'same-origin') {
    return this.keep(
      await this.rest.get(url, { headers: { ...this.headers, 'Sec-Fetch-Site': site } }),
    )
  }
  /** A `fetch` from our pages, which carries their Origin. */
  async post(url: string, body: unknown) {
    return this.keep(
      await this.rest.post(url, { body, headers: { ...this.headers, Origin: ORIGIN } }),
    )
  }
  async delete(url: string) {
    return this.keep(await this.rest.delete(url, { headers: { ...this.headers, Origin: ORIGIN } }))
  }
  get signedIn() {
    return this.cookies.has('payload-token')
  }
}

/** Where a 303 sends the browser: its path, query and whole address. */
export const redirectTarget = (response: ApiResponse) => {
  if (response.status !== 303) {
    throw new Error(`Expected a redirect, got ${response.status}: ${JSON.stringify(response.body)}`)
  }
  const location = new URL(response.headers.get('location')!)
  return { path: location.pathname, params: location.searchParams, url: location }
}
