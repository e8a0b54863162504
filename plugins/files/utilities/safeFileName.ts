/**
 * A requested file name as the disk would see it, or null when it could step outside its
 * folder. Names are decoded until they stop changing, since every layer in front of the file
 * route (Next's image optimizer, proxies) may decode once more: `verification%252Fx.pdf` is
 * `verification/x.pdf` two decodes later.
 */
export const safeFileName = (requested: string | undefined): string | null => {
  if (!requested) return null
  let name = requested
  for (let round = 0; round < 4; round += 1) {
    let decoded: string
    try {
      decoded = decodeURIComponent(name)
    } catch {
      return null
    }
    if (decoded === name) break
    name = decoded
  }
  return /[/\\\u0000-\u001f]/.test(name) || name.startsWith('.') ? null : name
}
