/**
 * Names and roles missing from a few of Payload's admin widgets (3.90), which axe reports as
 * critical or serious on the vendor's profile form: the relationship selects' inputs and the
 * rich-text editor carry no name, the document menu button has no text, a chip that is a
 * button holds buttons, and the document tabs are a list without items. Each repair only adds
 * what is missing and never touches an element that already has it, so when Payload fixes one
 * upstream the repair simply stops applying.
 */

const labelOf = (element: Element): HTMLElement | null =>
  element.closest('.field-type')?.querySelector<HTMLElement>('label.field-label') ?? null

let nextId = 0
const idOf = (element: HTMLElement) => {
  if (!element.id) element.id = `ep-a11y-${++nextId}`
  return element.id
}

const hasName = (element: Element) =>
  element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby')

/** Gives an unnamed control its field's visible label as its accessible name. */
const nameFromFieldLabel = (element: Element) => {
  if (hasName(element)) return
  const label = labelOf(element)
  if (label) element.setAttribute('aria-labelledby', idOf(label))
}

export const repairAdminAccessibility = (root: ParentNode) => {
  // The relationship and select fields' typing box, and the rich-text editor.
  root.querySelectorAll('input.rs__input, .ContentEditable__root').forEach(nameFromFieldLabel)
  // The select's chevron is hidden from screen readers but could take focus: the combobox
  // itself opens with the arrow keys, so the chevron leaves the tab order.
  // The same for the clear (×) control, which clears with Backspace from the combobox.
  root
    .querySelectorAll('.rs__indicators [aria-hidden="true"]:not([tabindex="-1"])')
    .forEach((control) => control.setAttribute('tabindex', '-1'))
  // The "…" button beside Save (duplicate, delete) shows only three dots.
  root.querySelectorAll('button.popup-button').forEach((button) => {
    if (!hasName(button) && !button.textContent?.trim())
      button.setAttribute('aria-label', 'More actions')
  })
  // A chosen category is a sortable chip with role "button" around its own buttons (edit,
  // remove): as a group it keeps its keyboard focus for sorting and its buttons stay reachable.
  root
    .querySelectorAll('.rs__multi-value[role="button"]')
    .forEach((chip) => chip.setAttribute('role', 'group'))
  // The document tabs are a <ul> of links and buttons without <li>.
  root.querySelectorAll('ul.doc-tabs__tabs:not([role])').forEach((list) => {
    if ([...list.children].some((child) => child.tagName !== 'LI'))
      list.setAttribute('role', 'none')
  })
  // The dates beside Save scroll sideways on a phone: a keyboard can scroll them too.
  root
    .querySelectorAll<HTMLElement>('.doc-controls__content:not([tabindex])')
    .forEach((box) => box.setAttribute('tabindex', '0'))
}
