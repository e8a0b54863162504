import { expect, test } from '@playwright/test'

import { screenshotter, signIn, viaHeader } from './support'

const shoot = screenshotter('saved-')

test('on a phone, an organizer saves vendors to a new list from a vendor page and from search, then finds them on /saved', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  // Priya, whom no other spec signs in, so her lists start empty.
  const organizer = await signIn(browser, 'priya@eventpros.test')
  const listName = `Wedding ${Date.now().toString(36)}`

  await organizer.goto('/vendors?q=photographer')
  const results = organizer.getByTestId('search-result')
  const first = results.nth(0)
  const firstName = (await first.getByRole('heading').innerText()).trim()
  await first.getByRole('link', { name: firstName }).click()
  await expect(organizer.getByRole('heading', { level: 1, name: firstName })).toBeVisible()

  // From the vendor's page: a new list, holding this vendor.
  await organizer.getByTestId('save-vendor').click()
  const dialog = organizer.locator('dialog[open]')
  await expect(dialog.getByRole('heading', { name: `Save ${firstName}` })).toBeVisible()
  await dialog.getByLabel('New list').fill(listName)
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(dialog.getByRole('checkbox', { name: listName })).toBeChecked()
  await shoot(organizer, '1-save-dialog')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(organizer.getByTestId('save-vendor')).toHaveText('Saved')

  // From a search result: the same list, ticked.
  await organizer.goto('/vendors?q=photographer')
  const second = results.nth(1)
  const secondName = (await second.getByRole('heading').innerText()).trim()
  await second.getByTestId('save-vendor').click()
  await dialog.getByRole('checkbox', { name: listName }).check()
  await expect(dialog.getByRole('checkbox', { name: listName })).toBeChecked()
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(second.getByTestId('save-vendor')).toHaveText('Saved')

  await viaHeader(organizer, 'Saved')
  await expect(organizer).toHaveURL(/\/saved$/)
  const list = organizer.getByTestId('saved-list').filter({ hasText: listName })
  await expect(list.getByTestId('saved-vendor')).toHaveCount(2)
  await expect(list).toContainText(firstName)
  await expect(list).toContainText(secondName)
  await shoot(organizer, '2-saved-page')

  await list
    .getByTestId('saved-vendor')
    .filter({ hasText: firstName })
    .getByRole('button', { name: 'Remove' })
    .click()
  await expect(list.getByTestId('saved-vendor')).toHaveCount(1)
  await expect(list).not.toContainText(firstName)
  await organizer.context().close()
})
