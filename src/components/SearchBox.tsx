import { NZ_REGIONS } from '@/lib/constants'

export function SearchBox({ query = '', region = '' }: { query?: string; region?: string }) {
  return (
    <form action="/vendors" method="get" role="search" className="flex flex-col gap-2 sm:flex-row">
      <label className="sr-only" htmlFor="search-q">What are you looking for?</label>
      <input id="search-q" name="q" defaultValue={query} placeholder="Photographer, caterer, venue…" className="field mt-0 flex-1" />
      <label className="sr-only" htmlFor="search-region">Region</label>
      <select id="search-region" name="region" defaultValue={region} className="field mt-0 sm:w-52">
        <option value="">All of New Zealand</option>
        {NZ_REGIONS.map((r) => (
          <option key={r.value} value={r.value}>{r.label}</option>
        ))}
      </select>
      <button type="submit" className="btn">Search</button>
    </form>
  )
}
