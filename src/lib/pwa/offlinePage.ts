/**
 * The page the service worker shows for a page never opened on this device while there is no
 * connection: plain HTML with inline styles, so it needs nothing else from the network, and
 * nobody's name or data (it is cached once for every visitor of the device).
 */
export const offlinePage = () => `<!doctype html>
<html lang="en-NZ">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#0f766e">
<title>You're offline · Event Pros NZ</title>
<link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
</head>
<body style="margin:0;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2937;background:#fff">
<header style="border-bottom:1px solid #e5e7eb;padding:16px">
<a href="/" style="font-size:18px;font-weight:700;color:#1f2937;text-decoration:none">Event Pros <span style="color:#0f766e">NZ</span></a>
</header>
<main id="main" style="max-width:36rem;margin:0 auto;padding:32px 16px">
<img src="/icons/icon-192.png" alt="" width="64" height="64" style="border-radius:14px">
<h1 style="font-size:24px;margin:16px 0 8px">You're offline</h1>
<p style="line-height:1.5">This page hasn't been opened on this device yet, so it can't be shown without a connection.</p>
<p style="line-height:1.5">Pages you've already opened — your jobs, quotes, bookings and conversations — still work. Messages you write in a conversation are sent as soon as you're back online.</p>
<p><a href="" style="display:inline-block;min-height:44px;line-height:44px;padding:0 20px;border-radius:8px;background:#0f766e;color:#fff;font-weight:600;text-decoration:none">Try again</a></p>
</main>
</body>
</html>
`
