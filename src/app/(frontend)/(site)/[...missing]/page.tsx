import { notFound } from 'next/navigation'

/**
 * Any address no page claims. Answered here, per request, rather than by Next's prerendered
 * 404: that one is built once, so its scripts cannot carry the response's CSP nonce and the
 * browser refuses them. The site's not-found page renders as usual.
 */
export default function MissingPage(): never {
  notFound()
}
