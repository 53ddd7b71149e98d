// Lets a field inside a <FormDrawer> start afresh each time the drawer opens, as the form's own reset
// does, without every form that uses the field having to reach into it.
import { inject, watch, type InjectionKey, type Ref } from 'vue'

export const drawerOpenKey: InjectionKey<Readonly<Ref<boolean>>> = Symbol('form drawer open')

export function onDrawerOpened(callback: () => void) {
  const open = inject(drawerOpenKey, null)
  if (open) watch(open, (isOpen) => isOpen && callback())
}
