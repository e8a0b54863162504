/**
 * New Zealand Business Numbers are GS1 Global Location Numbers: 13 digits, the last a check
 * digit. From the right, the data digits are weighted 3, 1, 3, 1…; the check digit brings the
 * weighted sum up to a multiple of ten.
 */
export const nzbnCheckDigit = (first12: string): number => {
  let sum = 0
  for (let i = 0; i < 12; i += 1) sum += Number(first12[11 - i]) * (i % 2 === 0 ? 3 : 1)
  return (10 - (sum % 10)) % 10
}

/** The NZBN without spaces, or why it is not one. */
export const checkNzbn = (
  value: unknown,
): { ok: true; nzbn: string } | { ok: false; message: string } => {
  const digits = typeof value === 'string' || typeof value === 'number' ? String(value) : ''
  const compact = digits.replace(/[\s-]/g, '')
  if (!/^\d{13}$/.test(compact)) {
    return { ok: false, message: 'An NZBN has 13 digits, like 9429041234563.' }
  }
  if (nzbnCheckDigit(compact.slice(0, 12)) !== Number(compact[12])) {
    return {
      ok: false,
      message: 'This NZBN’s last digit does not match: check it against the NZBN register.',
    }
  }
  return { ok: true, nzbn: compact }
}
