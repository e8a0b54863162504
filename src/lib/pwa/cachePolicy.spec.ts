import { isHashedAsset, isPublicImage, isStorablePage } from './cachePolicy'

const origin = 'https://eventpros.example'
const url = (path: string) => new URL(path, origin)

describe('what the service worker stores', () => {
  it('keeps pages people read again: search, a vendor, their jobs, bookings and inbox', () => {
    for (const path of [
      '/',
      '/vendors?q=dj',
      '/vendors/aroha',
      '/my-jobs/3',
      '/bookings',
      '/inbox/7',
    ])
      expect(isStorablePage(url(path), origin)).toBe(true)
  })

  it('never stores the admin, the API, sign-in pages or secrets shown once', () => {
    for (const path of [
      '/admin',
      '/admin/collections/vendors',
      '/api/users/me',
      '/login?next=/inbox',
      '/signup',
      '/reset-password?token=x',
      '/account/security',
      '/account/export/4',
      '/billing/success',
      '/unsubscribe?token=abc',
    ])
      expect(isStorablePage(url(path), origin)).toBe(false)
  })

  it('never stores another site, even a page with the same path', () => {
    expect(isStorablePage(new URL('https://evil.example/vendors'), origin)).toBe(false)
    expect(isHashedAsset(new URL('https://evil.example/_next/static/a.js'), origin)).toBe(false)
  })

  it('stores public media and its resized copies, never private files', () => {
    expect(isPublicImage(url('/api/media/file/cover-1.jpg'), origin)).toBe(true)
    expect(
      isPublicImage(url('/_next/image?url=%2Fapi%2Fmedia%2Ffile%2Fcover-1.jpg&w=640&q=75'), origin),
    ).toBe(true)
    for (const path of [
      '/api/verification-documents/file/licence.pdf',
      '/api/message-attachments/file/photo.jpg',
      '/api/media/../verification-documents/file/x.pdf',
      '/_next/image?url=%2Fapi%2Fmessage-attachments%2Ffile%2Fphoto.jpg&w=640&q=75',
    ])
      expect(isPublicImage(url(path), origin)).toBe(false)
  })
})
