import { expect, test } from '@playwright/test'

import { E2E_BILLING_PORT, STRIPE_PEER_PORT } from '../../playwright.config'
import { screenshotter, signIn } from './support'

const VENDOR = 'vendor@eventpros.test'
const shot = screenshotter('billing-')

test.describe('vendor billing', () => {
  test('without Stripe keys: the plans with GST and a clear "not configured"', async ({
    browser,
  }) => {
    const page = await signIn(browser, VENDOR)
    await page.goto('/admin/billing')
    await expect(page.getByRole('heading', { name: 'Billing', level: 1 })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Your plan: Showcase' })).toBeVisible()
    await expect(page.getByTestId('billing-not-configured')).toContainText(
      'Billing is not configured',
    )
    await expect(page.getByTestId('plan-showcase')).toContainText(
      '$29.00 + GST $4.35 = $33.35 a month',
    )
    await expect(page.getByTestId('plan-spotlight')).toContainText(
      '$99.00 + GST $14.85 = $113.85 a month',
    )
    await expect(page.getByTestId('plan-essential')).toContainText('Free')
    await expect(page.getByTestId('plan-essential')).toContainText('5 portfolio images')
    await expect(page.getByRole('button', { name: /Upgrade to/ })).toHaveCount(0)
    await shot(page, 'admin-not-configured')

    await page.goto('/pricing')
    await expect(page.getByTestId('billing-not-configured')).toContainText(
      'Billing is not configured',
    )
    await expect(page.getByTestId('plan-spotlight')).toContainText('Featured on the home page')
    await expect(page.getByTestId('plan-showcase')).toContainText('Your plan')
    await shot(page, 'pricing-not-configured')
  })

  test('with the Stripe peer: Upgrade leads to the Checkout URL Stripe returned', async ({
    browser,
  }) => {
    const page = await signIn(browser, VENDOR, {
      baseURL: `http://127.0.0.1:${E2E_BILLING_PORT}`,
    })
    await page.goto('/admin/billing')
    await expect(page.getByRole('heading', { name: 'Your plan: Showcase' })).toBeVisible()
    await expect(page.getByText('Billing is not configured')).toHaveCount(0)
    await expect(page.getByTestId('plan-spotlight')).toContainText('$113.85 a month')
    await shot(page, 'admin-configured')

    await page.goto('/pricing')
    await expect(page.getByRole('button', { name: 'Choose Spotlight' })).toBeVisible()
    await expect(page.getByTestId('plan-showcase')).toContainText('Your plan')

    await page.goto('/admin/billing')
    await page.getByRole('button', { name: 'Upgrade to Spotlight' }).click()
    await page.waitForURL(new RegExp(`^http://127\\.0\\.0\\.1:${STRIPE_PEER_PORT}/c/pay/cs_test_`))
    const sessions = (await (
      await fetch(`http://127.0.0.1:${STRIPE_PEER_PORT}/__peer/checkout-sessions`)
    ).json()) as { url: string; mode: string; metadata: { tier: string } }[]
    const session = sessions.at(-1)!
    expect(page.url()).toBe(session.url)
    expect(session).toMatchObject({ mode: 'subscription', metadata: { tier: 'spotlight' } })
    await expect(page.getByRole('heading', { name: 'Stripe test peer' })).toBeVisible()

    await page.goto(`http://127.0.0.1:${E2E_BILLING_PORT}/billing/cancelled`)
    await expect(page.getByText('Nothing was charged')).toBeVisible()
  })
  test('admins see vendors and MRR by tier, and how to set a tier by hand', async ({ browser }) => {
    const page = await signIn(browser, 'admin@eventpros.test')
    await page.goto('/admin')
    // On a phone the admin's navigation is folded away; the link is there all the same.
    await expect(page.locator('a.nav__link[href="/admin/billing"]')).toHaveCount(1)
    await page.goto('/admin/billing')
    await expect(page.getByRole('heading', { name: 'Billing', level: 1 })).toBeVisible()
    await expect(page.getByTestId('billing-not-configured')).toContainText('Set a vendor')
    await expect(page.getByTestId('mrr')).toHaveText('$0.00')
    const showcase = page.getByTestId('tier-showcase')
    await expect(showcase).toContainText('Showcase')
    // The demo vendor is on Showcase (set by the seed, not paid through Stripe).
    await expect(showcase.locator('td').nth(1)).not.toHaveText('0')
    await expect(page.getByRole('heading', { name: 'Past due (0)' })).toBeVisible()
    await shot(page, 'admin-overview')
  })
})
