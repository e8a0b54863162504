import Link from 'next/link'

import type { Block, Inline, PolicyDocument } from '@/lib/privacy/policyContent'
import { formatPolicyDate } from '@/lib/privacy/policies'
import { RETENTION_TABLE } from '@/lib/privacy/retention/periods'

const Text = ({ parts }: { parts: Inline[] }) =>
  parts.map((part, index) =>
    typeof part === 'string' ? (
      part
    ) : part.href.startsWith('/') ? (
      <Link key={index} href={part.href}>
        {part.text}
      </Link>
    ) : (
      <a key={index} href={part.href}>
        {part.text}
      </a>
    ),
  )

// Wider than a phone: the box scrolls sideways, and a keyboard can scroll it too.
const RetentionTable = () => (
  <div
    className="overflow-x-auto"
    tabIndex={0}
    role="region"
    aria-label="How long we keep information"
  >
    <table className="w-full border-collapse text-left text-sm">
      <thead>
        <tr className="border-b border-gray-300">
          <th className="py-2 pr-4 font-semibold">Information</th>
          <th className="py-2 pr-4 font-semibold">Kept</th>
          <th className="py-2 font-semibold">Then</th>
        </tr>
      </thead>
      <tbody>
        {RETENTION_TABLE.map((row) => (
          <tr key={row.what} className="border-b border-gray-200 align-top">
            <td className="py-2 pr-4">{row.what}</td>
            <td className="py-2 pr-4 whitespace-nowrap">{row.kept}</td>
            <td className="py-2">{row.then}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
)

const BlockView = ({ block }: { block: Block }) => {
  if ('paragraph' in block)
    return (
      <p>
        <Text parts={block.paragraph} />
      </p>
    )
  if ('list' in block)
    return (
      <ul className="list-disc space-y-1 pl-5">
        {block.list.map((item, index) => (
          <li key={index}>
            <Text parts={item} />
          </li>
        ))}
      </ul>
    )
  return <RetentionTable />
}

/** A policy (privacy or terms) as a page: its version and date, contents and sections. */
export function PolicyPage({ document }: { document: PolicyDocument }) {
  return (
    <article className="mx-auto flex max-w-3xl flex-col gap-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold">{document.title}</h1>
        <p className="text-sm text-gray-600" data-testid="policy-version">
          Version {document.version}, in force from {formatPolicyDate(document.version)}
        </p>
        <p>{document.summary}</p>
      </header>
      <nav aria-label="Contents" className="text-sm">
        <ol className="list-decimal space-y-1 pl-5">
          {document.sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.heading}</a>
            </li>
          ))}
        </ol>
      </nav>
      {document.sections.map((section) => (
        <section key={section.id} id={section.id} className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">{section.heading}</h2>
          {section.blocks.map((block, index) => (
            <BlockView key={index} block={block} />
          ))}
        </section>
      ))}
    </article>
  )
}
