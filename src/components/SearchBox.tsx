import { PlaceInput } from './search/PlaceInput'

/** What and where: the home page's way into the search page. */
export function SearchBox({ query = '', near = '' }: { query?: string; near?: string }) {
  return (
    <form action="/vendors" method="get" role="search" className="flex flex-col gap-2 sm:flex-row">
      <label className="sr-only" htmlFor="search-q">
        What are you looking for?
      </label>
      <input
        id="search-q"
        name="q"
        defaultValue={query}
        placeholder="Photographer, caterer, venue…"
        className="field mt-0 flex-1"
      />
      <label className="sr-only" htmlFor="search-near">
        Near
      </label>
      <div className="sm:w-52">
        <PlaceInput defaultValue={near} />
      </div>
      <button type="submit" className="btn">
        Search
      </button>
    </form>
  )
}
