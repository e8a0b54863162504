const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

type ActionEmail = {
  greetingName?: string | null
  intro: string
  actionLabel: string
  actionUrl: string
  outro?: string
}

/** A plain, accessible transactional email with one clear action. */
export const actionEmailHtml = ({
  greetingName,
  intro,
  actionLabel,
  actionUrl,
  outro,
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
</body></html>`
}
