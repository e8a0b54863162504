import { safeFileName } from './safeFileName'

describe('safeFileName', () => {
  it.each([
    'photo.webp',
    'wedding table-768x512.webp',
    '3f2c1a7e-2b9d-4a43-9b6f-0d7a1c2e4f10.pdf',
    'Kōwhai flowers.png',
  ])('keeps %j', (name) => {
    expect(safeFileName(name)).toBe(name)
  })

  it.each([
    'verification/insurance.pdf',
    'verification%2Finsurance.pdf',
    'verification%252Finsurance.pdf',
    'verification%25252Finsurance.pdf',
    './verification/insurance.pdf',
    '.%2Fverification%2Finsurance.pdf',
    '..',
    '%2e%2e',
    '%252e%252e',
    '..%2Fmedia',
    'attachments\\note.pdf',
    'attachments%5Cnote.pdf',
    '.env',
    'name\u0000.pdf',
    '%E0%A4%A',
    '',
    undefined,
  ])('refuses %j', (name) => {
    expect(safeFileName(name)).toBeNull()
  })
})
