// The save cycle every console drawer form shares: reset when opened → validate → lock → save →
// close → say what was saved and tell the page; a server error is shown on the field it names,
// otherwise above the form. The form gives its model and the rules <el-form> checks it by, and hands
// `drawer` to <FormDrawer>, which shows it and holds that <el-form>. Each opening is one change with
// its own Idempotency-Key, kept for a retry whose first answer may have been lost, so saving twice
// never makes two records.
import { ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import type { FormInstance, FormProps, FormRules } from 'element-plus'
import { useServerErrors } from '@shared/composables/server-errors'
import { answerMayBeLost, newIdempotencyKey, sendAsOneChange } from '@shared/api/client'

export interface DrawerFormOptions<Field extends string, Saved> {
  open: Ref<boolean>
  /** The form's fields as the server names them in errors; an error on any other shows above the form. */
  fields: readonly Field[]
  /** Puts the form back to its empty state; called each time the drawer opens. */
  reset: () => void
  /** Sends the form; null when there is nothing to send (the drawer stays open). */
  submit: () => Promise<Saved | null>
  /** What the toast says once saved, if it says anything. */
  toast?: (result: Saved) => string
  /** What else follows a save once the drawer is closed, such as telling the page. */
  saved?: (result: Saved) => void
}

/** The part of the cycle <FormDrawer> shows and drives. */
export interface DrawerState {
  open: Ref<boolean>
  /** What the form edits, and how <el-form> checks it before a save. */
  model: FormProps['model']
  rules: FormRules
  /** The drawer's <el-form>, set by FormDrawer. */
  form: ShallowRef<FormInstance | undefined>
  saving: Readonly<Ref<boolean>>
  /** The server's error that names none of the form's fields. */
  error: Readonly<Ref<string>>
  save: () => Promise<void>
}

/** `rules` is {} for a form that only the server checks. */
export function useDrawerForm<Field extends string, Saved>(model: FormProps['model'], rules: FormRules, options: DrawerFormOptions<Field, Saved>) {
  const form = shallowRef<FormInstance>()
  const saving = ref(false)
  const serverErrors = useServerErrors(options.fields)
  let changeKey = newIdempotencyKey()

  watch(options.open, (isOpen) => {
    if (!isOpen) return
    changeKey = newIdempotencyKey()
    options.reset()
    serverErrors.clear()
    form.value?.clearValidate()
  })

  async function save() {
    serverErrors.clear()
    if (!(await form.value?.validate().catch(() => false))) return
    saving.value = true
    try {
      const result = await sendAsOneChange(changeKey, options.submit)
      if (result === null) return
      changeKey = newIdempotencyKey()
      options.open.value = false
      if (options.toast) ElMessage.success(options.toast(result))
      options.saved?.(result)
    } catch (error) {
      // A refusal did nothing, so the corrected form is a new change; a lost answer is retried as the same one.
      if (!answerMayBeLost(error)) changeKey = newIdempotencyKey()
      serverErrors.show(error)
    } finally {
      saving.value = false
    }
  }

  const drawer: DrawerState = { open: options.open, model, rules, form, saving, error: serverErrors.formError, save }
  return { fieldErrors: serverErrors.fieldErrors, drawer }
}
