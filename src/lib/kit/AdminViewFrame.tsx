import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'

/** A bordered block in the admin's colours, and quieter text: shared by the custom views. */
export const card: React.CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 4,
  padding: 16,
  display: 'flex',
  flexDirection: 'column',
  gap: 8,
}
// elevation-800: Payload's -500 grey fails WCAG AA contrast on its own background.
export const muted: React.CSSProperties = { color: 'var(--theme-elevation-800)', margin: 0 }

/** A custom admin view inside the admin's own template: navigation, header and a titled page. */
export function AdminViewFrame({
  initPageResult,
  params,
  searchParams,
  title,
  children,
}: Pick<AdminViewServerProps, 'initPageResult' | 'params' | 'searchParams'> & {
  title: string
  children: React.ReactNode
}) {
  const { req } = initPageResult
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={initPageResult.locale}
      params={params}
      payload={req.payload}
      permissions={initPageResult.permissions}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={initPageResult.visibleEntities}
    >
      <Gutter>
        <h1 style={{ margin: '24px 0 16px' }}>{title}</h1>
        {children}
      </Gutter>
    </DefaultTemplate>
  )
}
