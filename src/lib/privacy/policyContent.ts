import { CONTACT_EMAIL, POLICY_VERSIONS, type PolicyKind, PRIVACY_CONTACT_EMAIL } from './policies'
import { RETENTION } from './retention/periods'

/** A run of text, or a link in it. */
export type Inline = string | { text: string; href: string }
export type Block =
  | { paragraph: Inline[] }
  | { list: Inline[][] }
  /** The retention table (./retention/periods.ts), shown where the policy says how long. */
  | { retentionTable: true }

export type PolicySection = { id: string; heading: string; blocks: Block[] }

export type PolicyDocument = {
  kind: PolicyKind
  title: string
  version: string
  summary: string
  sections: PolicySection[]
}

const link = (text: string, href: string): Inline => ({ text, href })
const mail = (address: string): Inline => link(address, `mailto:${address}`)
const p = (...text: Inline[]): Block => ({ paragraph: text })
const list = (...items: (Inline | Inline[])[]): Block => ({
  list: items.map((item) => (Array.isArray(item) ? item : [item])),
})

const OPC = link('privacy.org.nz', 'https://www.privacy.org.nz/')
const ACCOUNT = link('your account page', '/account')

/**
 * The privacy policy: what Event Pros NZ collects, why, who sees it, how long it is kept and
 * what people can do about it — the Privacy Act 2020 and its 13 information privacy
 * principles, and the rights the GDPR gives people in Europe.
 */
export const PRIVACY_POLICY: PolicyDocument = {
  kind: 'privacy',
  title: 'Privacy policy',
  version: POLICY_VERSIONS.privacy,
  summary:
    'Event Pros NZ connects people planning events with event businesses across Aotearoa. To do that we hold information about you. This page says what we hold, why, who sees it, how long we keep it, and how you can see, correct, download or delete it.',
  sections: [
    {
      id: 'who-we-are',
      heading: 'Who we are',
      blocks: [
        p(
          'Event Pros NZ runs this website, its admin area and its API. We are the agency responsible for your personal information under the Privacy Act 2020. Our privacy officer answers questions and requests at ',
          mail(PRIVACY_CONTACT_EMAIL),
          '.',
        ),
      ],
    },
    {
      id: 'what-we-collect',
      heading: 'What we collect',
      blocks: [
        p('We collect information from you, and only what the service needs:'),
        list(
          'Your account: first and last name, email address, password (stored only as a one-way hash), role (organizer or vendor), optional phone number and photo, your email settings and the consents on this page.',
          'Sign-in and security: when and from which browser you signed in, your two-step sign-in settings, and the network address of each request (to limit abuse).',
          'Vendors: your business profile (name, description, categories, service areas, address and location, price range, contact details, website, social links, portfolio images, unavailable dates), your plan and the verification documents you upload (NZBN registration, insurance certificate, licences, ID).',
          'Organizers: the jobs you post (event type, date, time, location, guest numbers, budget, requirements) and the quotes you receive, shortlist, accept or decline.',
          'Bookings, and the quotes vendors send (line items, GST, totals).',
          'Messages you send and receive, their attachments and read receipts.',
          'Reviews you write or receive, and vendor responses to them.',
          'Vendors on a paid plan: your Stripe customer and subscription references, invoices and payments. Card details go to Stripe and never reach us.',
        ),
        p(
          'We use cookies only to keep you signed in and, in the admin area, to remember your language and display settings. We do not use advertising or tracking cookies.',
        ),
      ],
    },
    {
      id: 'why',
      heading: 'Why we collect it',
      blocks: [
        list(
          'To run the marketplace: show vendor profiles, match jobs with vendors, carry quotes, bookings and messages between the two sides.',
          'To keep people safe and the reviews honest: checking vendors’ documents, moderating reviews and messages, and limiting abuse.',
          'To bill vendors on paid plans and keep the financial records the law requires.',
          'To email you about your account, your jobs, quotes and messages (you can turn the optional ones off on your account page).',
          'To send you news and offers only if you ticked the separate marketing box. It is off unless you turn it on, and you can turn it off at any time.',
        ),
      ],
    },
    {
      id: 'who-sees-it',
      heading: 'Who sees it',
      blocks: [
        list(
          'Everyone: a vendor’s public profile and portfolio, and published reviews with the reviewer’s first name and initial.',
          'Vendors: jobs that are open for quotes (without the organizer’s contact details), and what organizers send them in messages.',
          'Organizers: the vendors’ profiles and the quotes vendors send them.',
          'The other person in a conversation: your messages and attachments. Phone numbers and email addresses in messages stay hidden until the two of you have a booking.',
          'Our staff (admins and moderators), when they need to: to check documents, moderate content or help you. Staff sign in with two-step sign-in, and every time they open private messages or documents it is recorded in our audit log.',
        ),
        p(
          'Service providers process information for us, only to provide their service, and some of them store it outside New Zealand (information privacy principle 12):',
        ),
        list(
          'Stripe: payments and subscriptions for vendors on paid plans.',
          'Meilisearch: the search index of public vendor profiles and open jobs.',
          'Pusher: delivers new-message notifications to your browser as they happen.',
          'Our email provider: sends the emails the service sends you.',
          'Mapbox: map tiles and address look-ups; your browser asks Mapbox for the map when you view one.',
        ),
        p('We do not sell your information or share it for advertising.'),
      ],
    },
    {
      id: 'how-long',
      heading: 'How long we keep it',
      blocks: [
        p(
          `We keep information only as long as we need it: financial records for ${RETENTION.financialYears} years because tax and company law require it, and most other information for ${RETENTION.generalYears} years once it is no longer in use.`,
        ),
        { retentionTable: true },
      ],
    },
    {
      id: 'your-rights',
      heading: 'Your rights, and how to use them',
      blocks: [
        list(
          [
            'See your information (access): on ',
            ACCOUNT,
            `, choose "Download my data" for a file of everything we hold about you. The link works for you only, for ${RETENTION.exportDays} days.`,
          ],
          [
            'Correct it: change your details on ',
            ACCOUNT,
            ', or ask us to correct anything you cannot change yourself.',
          ],
          [
            'Delete it (erasure): on ',
            ACCOUNT,
            `, choose "Delete my account". You have ${RETENTION.erasureGraceDays} days to change your mind by signing in; then your account is erased and only the records above that the law or the other party needs stay, without your name.`,
          ],
          'Take it with you (portability): the download is in JSON, a format other services can read.',
          'Say no to marketing, or withdraw a consent: untick marketing email on your account page at any time.',
          [
            'Ask us to stop or limit a use of your information, or object to it: write to ',
            mail(PRIVACY_CONTACT_EMAIL),
            '.',
          ],
        ),
        p(
          'These are your rights under the Privacy Act 2020 and, if you are in the European Union or the United Kingdom, under the GDPR (access, rectification, erasure, restriction, portability and objection). We answer requests within 20 working days, and free of charge.',
        ),
      ],
    },
    {
      id: 'security',
      heading: 'How we protect it',
      blocks: [
        p(
          'Passwords are stored only as one-way hashes. Verification documents, message attachments and data downloads are kept out of every public address and served only to the people allowed to see them. Staff need two-step sign-in, and sessions are short. If a privacy breach is likely to cause serious harm, we will tell you and the Privacy Commissioner as the law requires.',
        ),
      ],
    },
    {
      id: 'principles',
      heading: 'The 13 information privacy principles',
      blocks: [
        p('The Privacy Act 2020 sets 13 principles. This is how we follow each:'),
        list(
          '1 Purpose: we collect only what the marketplace needs, for the purposes on this page.',
          '2 Source: we collect it from you (vendors’ documents included), not from others.',
          '3 Telling you: this page, and the sign-up form that links to it, say what we collect and why.',
          '4 Manner: we collect it lawfully and fairly, without pressure or deceit.',
          '5 Security: protected as described above, with staff access recorded.',
          '6 Access: download your data from your account page at any time.',
          '7 Correction: change your details yourself, or ask us.',
          '8 Accuracy: you keep your details current; vendors’ documents are checked before a badge is shown.',
          '9 Retention: kept no longer than the periods in the table above.',
          '10 Use: used only for the purposes we collected it for.',
          '11 Disclosure: shown only to the people listed under "Who sees it".',
          '12 Overseas: the service providers above protect it in ways comparable to New Zealand law.',
          '13 Unique identifiers: we do not use government identifiers (such as IRD numbers) to identify you; an NZBN is shown as a business’s own public number.',
        ),
      ],
    },
    {
      id: 'complaints',
      heading: 'Questions and complaints',
      blocks: [
        p(
          'Write to our privacy officer first at ',
          mail(PRIVACY_CONTACT_EMAIL),
          ', and we will try to put things right. If you are not satisfied, you can complain to the Office of the Privacy Commissioner at ',
          OPC,
          ' (0800 803 909). In Europe or the United Kingdom you can also complain to your data protection authority.',
        ),
      ],
    },
    {
      id: 'changes',
      heading: 'Changes to this policy',
      blocks: [
        p(
          'When we change this policy we publish a new version with its date at the top of this page, and ask you to accept it on ',
          ACCOUNT,
          '.',
        ),
      ],
    },
  ],
}

/** The terms of use: how organizers, vendors and Event Pros NZ deal with each other here. */
export const TERMS_OF_USE: PolicyDocument = {
  kind: 'terms',
  title: 'Terms of use',
  version: POLICY_VERSIONS.terms,
  summary:
    'These terms apply when you use Event Pros NZ: the website, the admin area for vendors and the API. By creating an account you accept them.',
  sections: [
    {
      id: 'the-service',
      heading: 'What Event Pros NZ does',
      blocks: [
        p(
          'Event Pros NZ is a marketplace: organizers find event vendors, post jobs and compare quotes; vendors show their business and answer jobs. A booking is an agreement between the organizer and the vendor. Event Pros NZ is not a party to it, and does not provide the event services.',
        ),
      ],
    },
    {
      id: 'your-account',
      heading: 'Your account',
      blocks: [
        list(
          'You must be 18 or older, and give your real name and an email address you use.',
          'Keep your password to yourself. Staff must use two-step sign-in.',
          'One person, one account. A business may have one vendor profile.',
          'Integrators using the API with an API key follow these terms too, and our rate limits.',
        ),
      ],
    },
    {
      id: 'vendors',
      heading: 'If you are a vendor',
      blocks: [
        list(
          'Describe your business, prices and availability truthfully, and keep them up to date.',
          'The documents you upload for verification must be genuine and yours. The "Verified" badge shows we checked your business registration and insurance; it is not a guarantee of your work.',
          'Quotes are in New Zealand dollars and show GST at 15%. A quote you send is an offer the organizer may accept while it is valid.',
          'Paid plans (Showcase, Spotlight) are billed monthly in advance through Stripe. You can cancel at any time from Billing; the plan runs to the end of the period you paid for.',
        ),
      ],
    },
    {
      id: 'organizers',
      heading: 'If you are an organizer',
      blocks: [
        list(
          'Post jobs for real events, with the details a vendor needs to quote.',
          'Accepting a quote creates a booking with that vendor; the other quotes for the job are declined.',
          'Write reviews only about bookings you made here, honestly and from your own experience.',
        ),
      ],
    },
    {
      id: 'acceptable-use',
      heading: 'What nobody may do',
      blocks: [
        list(
          'Post anything unlawful, misleading, abusive, discriminatory or that infringes someone else’s rights.',
          'Write fake reviews, review your own business, or pay for reviews.',
          'Collect other people’s information from the service, or message people who have not asked to hear from you.',
          'Get around our security, rate limits or the hiding of contact details before a booking.',
        ),
        p(
          'Moderators may hide content that breaks these terms. We may suspend an account that breaks them, and we tell you why by email.',
        ),
      ],
    },
    {
      id: 'content',
      heading: 'Your content',
      blocks: [
        p(
          'You keep the rights to what you post. You allow Event Pros NZ to show it on the service for as long as it is there, and to make copies needed to run the service (for example, smaller images and the search index).',
        ),
      ],
    },
    {
      id: 'privacy',
      heading: 'Privacy',
      blocks: [
        p(
          'How we handle your information is in our ',
          link('privacy policy', '/privacy'),
          '. You can download your data or delete your account from ',
          ACCOUNT,
          ' at any time.',
        ),
      ],
    },
    {
      id: 'liability',
      heading: 'Our responsibility',
      blocks: [
        p(
          'We work to keep the service available and accurate, but we cannot promise it will always be. Vendors are responsible for their services and organizers for their events. Nothing in these terms limits your rights under the Consumer Guarantees Act 1993 or the Fair Trading Act 1986 where they apply. Where you use the service for a business, those Acts do not apply to the extent the law allows, and our total liability to you is limited to the fees you paid us in the previous 12 months.',
        ),
      ],
    },
    {
      id: 'ending',
      heading: 'Ending your account',
      blocks: [
        p(
          'You can delete your account at any time from ',
          ACCOUNT,
          '. What happens to your information then is in the privacy policy.',
        ),
      ],
    },
    {
      id: 'changes-and-law',
      heading: 'Changes, and the law that applies',
      blocks: [
        p(
          'When we change these terms we publish a new version with its date, and ask you to accept it on your account page. These terms are governed by New Zealand law, and the courts of New Zealand decide any dispute about them.',
        ),
        p('Questions about these terms: ', mail(CONTACT_EMAIL), '.'),
      ],
    },
  ],
}
