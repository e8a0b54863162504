import { type ExportSection } from './gather'
import { DATA_EXPORT_DAYS, formatNzMoment } from './statuses'

type ReadmeFacts = {
  name: string
  email: string
  madeAt: Date
  /** Set when an admin made the export for the person (a request received by email). */
  madeByStaff: boolean
  sections: ExportSection[]
  fileCount: number
}

const wrap = (text: string, width = 78): string => {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines.join('\n')
}

const item = (file: string, about: string, count?: number) =>
  `${file}${count === undefined ? '' : ` (${count} ${count === 1 ? 'item' : 'items'})`}\n${wrap(
    about,
    74,
  )
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')}`

/**
 * README.txt: what the ZIP is, and one paragraph for each file in it, written for the person
 * rather than for a developer.
 */
export const exportReadme = ({
  name,
  email,
  madeAt,
  madeByStaff,
  sections,
  fileCount,
}: ReadmeFacts): string =>
  [
    'YOUR DATA FROM EVENT PROS NZ',
    '============================',
    '',
    wrap(
      `This file holds everything Event Pros NZ keeps about ${name} (${email}), as of ${formatNzMoment(madeAt)} New Zealand time${madeByStaff ? ', prepared by our team in answer to your request' : ''}. You have the right to it under the New Zealand Privacy Act 2020 (information privacy principle 6).`,
    ),
    '',
    wrap(
      'Each .json file is plain text in JSON format: open it in any text editor, or a spreadsheet or browser that reads JSON. Dates are in UTC (ISO 8601). Money is in New Zealand cents including GST: 12500 is $125.00. Other records are named by their number ("vendor": 12 is vendor profile 12). Every file is here even when it is empty ([]).',
    ),
    '',
    'WHAT IS IN EACH FILE',
    '--------------------',
    '',
    item(
      'account.json',
      'Your account: name, email, phone, role, email preferences (job alerts, message emails), the consents you gave and when, and when you joined and signed in. Your password, API key, two-step sign-in secrets and session keys are never included.',
    ),
    '',
    ...sections.flatMap((section) => [item(section.file, section.about, section.items.length), '']),
    item(
      'files/',
      `Copies of the files you uploaded: verification documents, photos and message attachments (${fileCount} in all). Each record above names its copy in "fileInZip".`,
    ),
    '',
    'WHAT IS NOT HERE',
    '----------------',
    '',
    wrap(
      'Other people’s personal details. Your conversations include the other person’s messages, because they are part of your conversation, but not their email address or phone number. Staff members who acted on your account are named by role only.',
    ),
    '',
    'QUESTIONS, CORRECTIONS, DELETION',
    '--------------------------------',
    '',
    wrap(
      `You can correct most of this on your account page, or delete your account there. The download link works for ${DATA_EXPORT_DAYS} days. If something here is wrong or missing, email us at the address on our privacy page. If you are not happy with our answer you can complain to the Office of the Privacy Commissioner: www.privacy.org.nz.`,
    ),
    '',
  ].join('\n')
