// The save cycle every console drawer form shares: reset when opened → validate → lock → save →
// close → tell the page; a server error is shown on the field it names, otherwise above the form.
// The drawer's <el-form> carries ref="drawerForm".
import { ref, useTemplateRef, watch, type Ref } from 'vue'
import type { FormInstance } from 'element-plus'
import { useServerErrors } from '@shared/composables/server-errors'

export interface DrawerFormOptions<Field extends string, Saved> {
  open: Ref<boolean>
  /** The form's fields as the server names them in errors. */
  fields: readonly Field[]
  /** Puts the form back to its empty state; called each time the drawer opens. */
  reset: () => void
  /** Sends the form; null when there is nothing to send (the drawer stays open). */
  submit: () => Promise<Saved | null>
  /** What follows a save once the drawer is closed: a toast and telling the page. */
  saved: (result: Saved) => void
}

export function useDrawerForm<Field extends string, Saved>(options: DrawerFormOptions<Field, Saved>) {
  const formRef = useTemplateRef<FormInstance>('drawerForm')
  const saving = ref(false)
  const serverErrors = useServerErrors(options.fields)

  watch(options.open, (isOpen) => {
    if (!isOpen) return
    options.reset()
    serverErrors.clear()
    formRef.value?.clearValidate()
  })

  async function save() {
    serverErrors.clear()
    if (!(await formRef.value?.validate().catch(() => false))) return
    saving.value = true
    try {
      const result = await options.submit()
      if (result === null) return
      options.open.value = false
      options.saved(result)
    } catch (error) {
      serverErrors.show(error)
    } finally {
      saving.value = false
    }
  }

  return { saving, fieldErrors: serverErrors.fieldErrors, formError: serverErrors.formError, save }
}
