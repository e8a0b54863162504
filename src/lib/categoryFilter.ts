/** Lower case without accents or macrons, so "maori" finds "Māori" and "cafe" finds "Café". */
export const foldForSearch = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim()

type Group<C> = { name: string; children: C[] }

/**
 * The groups and categories that match what was typed: every word must appear in the category's
 * name or its group's name (so "photo wedding" finds "Wedding photographers"), ignoring case and
 * macrons. An empty query keeps everything; groups left with nothing are dropped.
 */
export const filterCategoryGroups = <C extends { name: string }, G extends Group<C>>(
  groups: readonly G[],
  query: string,
): G[] => {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...groups]
  return groups.flatMap((group) => {
    const groupName = foldForSearch(group.name)
    const children = group.children.filter((child) => {
      const haystack = `${foldForSearch(child.name)} ${groupName}`
      return words.every((word) => haystack.includes(word))
    })
    return children.length > 0 ? [{ ...group, children }] : []
  })
}
