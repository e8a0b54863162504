'use client'

import { useEffect, useId, useState } from 'react'

type Place = { name: string; regionLabel: string; kind: string }

type Props = {
  defaultValue: string
  id?: string
  name?: string
  placeholder?: string
  required?: boolean
  /** Towns only: an event happens in a town, a search may cover a region. */
  townsOnly?: boolean
}

/** A place box with New Zealand towns and regions suggested as the person types. */
export function PlaceInput({
  defaultValue,
  id = 'search-near',
  name = 'near',
  placeholder = 'Town or region',
  required,
  townsOnly,
}: Props) {
  const [value, setValue] = useState(defaultValue)
  const [places, setPlaces] = useState<Place[]>([])
  const listId = useId()
  useEffect(() => {
    if (value.trim().length < 2) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      fetch(`/api/places?q=${encodeURIComponent(value)}`, { signal: controller.signal })
        .then((response) => (response.ok ? response.json() : null))
        .then((body: { data?: { places?: Place[] } } | null) => setPlaces(body?.data?.places ?? []))
        .catch(() => undefined)
    }, 150)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [value])
  return (
    <>
      <input
        id={id}
        name={name}
        required={required}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        list={listId}
        autoComplete="off"
        placeholder={placeholder}
        className="field mt-0"
      />
      <datalist id={listId}>
        {places
          .filter((place) => !townsOnly || place.kind !== 'region')
          .map((place) => (
            <option
              key={`${place.kind}-${place.name}`}
              value={place.kind === 'region' ? `${place.name} region` : place.name}
            >
              {place.kind === 'region' ? 'Region' : place.regionLabel}
            </option>
          ))}
      </datalist>
    </>
  )
}
