const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

type ActionEmail = {
  greetingName?: string | null
  intro: string
  actionLabel: string
  actionUrl: string
  outro?: string
  /** A notification's footer: the kind of email, and the link that turns that kind off. */
  unsubscribe?: { what: string; url: string; settingsUrl: string }
}

/** A plain, accessible transactional email with one clear action. */
export const actionEmailHtml = ({
  greetingName,
  intro,
  actionLabel,
  actionUrl,
  outro,
  unsubscribe,
}: ActionEmail): string => {
  const url = escapeHtml(actionUrl)
  return `<!doctype html>
<html lang="en"><body style="font-family:system-ui,sans-serif;color:#1f2937;line-height:1.5">
<p>Kia ora${greetingName ? ` ${escapeHtml(greetingName)}` : ''},</p>
<p>${escapeHtml(intro)}</p>
<p><a href="${url}" style="display:inline-block;padding:10px 18px;background:#0f766e;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(actionLabel)}</a></p>
<p>Or open this link: <a href="${url}">${url}</a></p>
${outro ? `<p>${escapeHtml(outro)}</p>` : ''}
<p>— Event Pros NZ</p>
${unsubscribe ? unsubscribeFooter(unsubscribe) : ''}</body></html>`
}

const unsubscribeFooter = ({ what, url, settingsUrl }: NonNullable<ActionEmail['unsubscribe']>) =>
  `<p style="font-size:13px;color:#6b7280">You get this email because ${escapeHtml(what.toLowerCase())} are on for your account. Turn them off with one click: <a href="${escapeHtml(url)}">${escapeHtml(url)}</a> or choose which emails you get on your account page: <a href="${escapeHtml(settingsUrl)}">${escapeHtml(settingsUrl)}</a></p>
`
