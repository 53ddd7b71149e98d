// Asking before a step that cannot be taken back (lifting, removing, ending, restoring): the message box
// names the step on its button beside 取消, and answers whether the user went on (closing it is a no).
import { useI18n } from 'vue-i18n'

export interface ConfirmOptions {
  /** The button that goes on; the title when not given. */
  confirm?: string
  /** Shown as a warning unless the step is harmless to take by mistake. */
  warning?: boolean
}

export function useConfirm() {
  const { t } = useI18n()
  return (message: string, title: string, options: ConfirmOptions = {}): Promise<boolean> =>
    ElMessageBox.confirm(message, title, {
      ...(options.warning === false ? {} : { type: 'warning' as const }),
      confirmButtonText: options.confirm ?? title,
      cancelButtonText: t('common.cancel'),
    }).then(
      () => true,
      () => false,
    )
}
