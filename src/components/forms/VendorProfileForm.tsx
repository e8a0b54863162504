'use client'

import { useRouter } from 'next/navigation'

import { NZ_REGIONS, PRICE_RANGES } from '@/lib/constants'
import { callApi } from '@/lib/kit/apiClient'
import type { CategoryGroup } from '@/lib/marketplace/queries'

import { FormMessage } from './FormMessage'
import { TextField } from './TextField'
import { useSubmit } from './useSubmit'

export function VendorProfileForm({ groups }: { groups: CategoryGroup[] }) {
  const router = useRouter()
  const { error, busy, onSubmit } = useSubmit(async (form) => {
    const region = String(form.get('region'))
    const result = await callApi<{ doc: { slug: string } }>('/api/vendors', {
      body: {
        businessName: form.get('businessName'),
        tagline: form.get('tagline') || undefined,
        categories: [Number(form.get('category'))],
        priceRange: form.get('priceRange'),
        location: { city: form.get('city'), region },
        serviceRegions: [region],
        contact: { email: form.get('email') || undefined, phone: form.get('phone') || undefined },
        status: form.get('publish') ? 'active' : 'draft',
      },
    })
    if (!result.ok) return result.message
    router.push(`/vendors/${result.data.doc.slug}`)
    router.refresh()
  })
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit}>
      <TextField label="Business name" name="businessName" required maxLength={120} />
      <TextField
        label="One line about you (optional)"
        name="tagline"
        maxLength={160}
        placeholder="Relaxed, natural wedding photography in Otago"
      />
      <label className="label">
        Main service
        <select name="category" required className="field" defaultValue="">
          <option value="" disabled>
            Choose a category
          </option>
          {groups.map((group) => (
            <optgroup key={group.id} label={group.name}>
              {group.children.map((child) => (
                <option key={child.id} value={child.id}>
                  {child.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Town or city" name="city" required maxLength={100} />
        <label className="label">
          Region
          <select name="region" required className="field" defaultValue="">
            <option value="" disabled>
              Choose a region
            </option>
            {NZ_REGIONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="label">
        Price range
        <select name="priceRange" className="field" defaultValue="moderate">
          {PRICE_RANGES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.symbol} {p.label}
            </option>
          ))}
        </select>
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Enquiries email (optional)" name="email" type="email" />
        <TextField label="Phone (optional)" name="phone" type="tel" maxLength={20} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="publish" defaultChecked className="size-4" /> List my profile
        on the site now
      </label>
      <FormMessage error={error} />
      <button type="submit" className="btn" disabled={busy}>
        {busy ? 'Creating…' : 'Create my profile'}
      </button>
      <p className="text-sm text-gray-600">
        You can add a description, photos and more details afterwards in your business dashboard.
      </p>
    </form>
  )
}
