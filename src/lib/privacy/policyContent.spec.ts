import { type Block, type Inline, PRIVACY_POLICY, TERMS_OF_USE } from './policyContent'
import { POLICY_VERSIONS } from './policies'
import { RETENTION, RETENTION_TABLE } from './retention/periods'

const textOf = (parts: Inline[]) =>
  parts.map((part) => (typeof part === 'string' ? part : part.text)).join('')

const blocksText = (blocks: Block[]) =>
  blocks
    .map((block) =>
      'paragraph' in block
        ? textOf(block.paragraph)
        : 'list' in block
          ? block.list.map(textOf).join('\n')
          : RETENTION_TABLE.map((row) => `${row.what} ${row.kept} ${row.then}`).join('\n'),
    )
    .join('\n')

const links = (blocks: Block[]) =>
  blocks.flatMap((block) =>
    ('paragraph' in block ? [block.paragraph] : 'list' in block ? block.list : [])
      .flat()
      .filter((part): part is { text: string; href: string } => typeof part !== 'string'),
  )

const privacyText = PRIVACY_POLICY.sections.map((section) => blocksText(section.blocks)).join('\n')
const section = (id: string) => PRIVACY_POLICY.sections.find((candidate) => candidate.id === id)!

describe('the privacy policy', () => {
  it('carries the version in force', () => {
    expect(PRIVACY_POLICY.version).toBe(POLICY_VERSIONS.privacy)
    expect(TERMS_OF_USE.version).toBe(POLICY_VERSIONS.terms)
  })

  it.each(['Stripe', 'Meilisearch', 'Pusher', 'email provider', 'Mapbox'])(
    'names %s among those who process information for us',
    (processor) => {
      expect(blocksText(section('who-sees-it').blocks)).toContain(processor)
    },
  )

  it('says who sees what: the public, vendors, organizers, the other side, staff', () => {
    const text = blocksText(section('who-sees-it').blocks)
    for (const who of ['Everyone', 'Vendors', 'Organizers', 'other person', 'staff']) {
      expect(text).toContain(who)
    }
  })

  it('gives each retention period the job and the erasure apply', () => {
    const text = blocksText(section('how-long').blocks)
    expect(text).toContain(`${RETENTION.unverifiedSignUpDays} days`)
    expect(text).toContain(`${RETENTION.financialYears} years`)
    expect(text).toContain(`${RETENTION.generalYears} years`)
    expect(text).toContain(`${RETENTION.erasureGraceDays} days' grace`)
    expect(text).toContain(`${RETENTION.exportDays} days`)
  })

  it('tells people how to export and erase from their account page', () => {
    const rights = section('your-rights')
    expect(blocksText(rights.blocks)).toMatch(/Download my data/)
    expect(blocksText(rights.blocks)).toMatch(/Delete my account/)
    expect(links(rights.blocks).map((link) => link.href)).toContain('/account')
  })

  it('follows the 13 information privacy principles, one item each', () => {
    const principles = section('principles').blocks.find((block) => 'list' in block)
    expect(principles && 'list' in principles && principles.list).toHaveLength(13)
  })

  it('sends complaints to the Privacy Commissioner', () => {
    expect(links(section('complaints').blocks).map((link) => link.href)).toContain(
      'https://www.privacy.org.nz/',
    )
    expect(privacyText).toContain('GDPR')
  })

  it('links only to pages that exist, email addresses and the Commissioner', () => {
    const all = [...PRIVACY_POLICY.sections, ...TERMS_OF_USE.sections].flatMap((section) =>
      links(section.blocks),
    )
    for (const { href } of all) {
      expect(href).toMatch(
        /^(\/account|\/privacy|mailto:[\w.]+@eventpros\.nz|https:\/\/www\.privacy\.org\.nz\/)$/,
      )
    }
  })
})
