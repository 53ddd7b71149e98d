// Where a form shows an error from the server: on the field it names (or the list holding the item it
// names) when the form has that field, otherwise above the form. A form whose rows come and go passes its
// fields as a function, asked each time an error is shown.
import { reactive, ref } from 'vue'
import { toApiError } from '../api/client'

export function useServerErrors<Field extends string>(fields: readonly Field[] | (() => readonly Field[])) {
  const fieldsNow = () => (typeof fields === 'function' ? fields() : fields)
  const fieldErrors: Partial<Record<Field, string>> = reactive({})
  const formError = ref('')

  function clear() {
    for (const field of Object.keys(fieldErrors) as Field[]) delete fieldErrors[field]
    formError.value = ''
  }

  function show(caught: unknown) {
    const error = toApiError(caught)
    // A form without an input per item shows `photos[1]` on its `photos` field.
    const field = fieldsNow().find((name) => name === error.field) ?? fieldsNow().find((name) => error.field.startsWith(`${name}[`))
    if (field) fieldErrors[field] = error.message
    else formError.value = error.message
  }

  return { fieldErrors, formError, clear, show }
}

/** The server's names of the inputs of a list's rows (`clauses[3].text`), for as many rows as a form offers. */
export function rowFields(list: string, properties: readonly string[], rows: number): string[] {
  return Array.from({ length: rows }, (_, index) => properties.map((property) => `${list}[${index}].${property}`)).flat()
}
