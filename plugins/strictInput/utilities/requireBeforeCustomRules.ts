import type { Field, Validate } from 'payload'

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0)

/**
 * A field's own `validate` replaces Payload's, including its "required" check; ours return
 * true for empty values (they check the value's form), so a job without a guest count reached
 * the database's NOT NULL and answered 500. Required comes first again, as Payload's does.
 */
const requiredFirst =
  (validate: Validate): Validate =>
  (value, options) =>
    isEmpty(value) ? options.req.t('validation:required') : validate(value, options)

export const requireBeforeCustomRules = (fields: Field[]): Field[] =>
  fields.map((field) => {
    let next = field
    if ('required' in field && field.required && 'validate' in field && field.validate) {
      next = { ...field, validate: requiredFirst(field.validate as Validate) } as Field
    }
    if ('fields' in next && Array.isArray(next.fields)) {
      next = { ...next, fields: requireBeforeCustomRules(next.fields) } as Field
    }
    if (next.type === 'tabs') {
      next = {
        ...next,
        tabs: next.tabs.map((tab) => ({ ...tab, fields: requireBeforeCustomRules(tab.fields) })),
      }
    }
    if (next.type === 'blocks' && next.blocks) {
      next = {
        ...next,
        blocks: next.blocks.map((block) => ({
          ...block,
          fields: requireBeforeCustomRules(block.fields),
        })),
      }
    }
    return next
  })
