import { checkNzbn, nzbnCheckDigit } from './nzbn'

describe('the NZBN checker', () => {
  it('accepts 13-digit numbers whose GS1 check digit matches, with spaces or dashes', () => {
    expect(checkNzbn('9429041234563')).toEqual({ ok: true, nzbn: '9429041234563' })
    expect(checkNzbn('9429 0412 3456 3')).toEqual({ ok: true, nzbn: '9429041234563' })
    expect(checkNzbn('9429-000-000-000')).toEqual({ ok: true, nzbn: '9429000000000' })
    // The published GS1 worked example (EAN-13 4006381333931) checks the same way.
    expect(nzbnCheckDigit('400638133393')).toBe(1)
  })

  it('refuses a wrong check digit, the wrong length and anything not a number', () => {
    for (const last of '012456789') {
      const result = checkNzbn(`942904123456${last}`)
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/last digit/) })
    }
    expect(checkNzbn('942904123456')).toEqual({
      ok: false,
      message: expect.stringMatching(/13 digits/),
    })
    expect(checkNzbn('94290412345630')).toEqual({
      ok: false,
      message: expect.stringMatching(/13 digits/),
    })
    expect(checkNzbn('94290412345AB')).toMatchObject({ ok: false })
    expect(checkNzbn(undefined)).toMatchObject({ ok: false })
    expect(checkNzbn(null)).toMatchObject({ ok: false })
  })
})
