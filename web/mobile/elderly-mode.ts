// 适老模式 (elderly mode): larger text and stronger contrast, switched on the 我的 page and
// remembered on this device (localStorage), so it stays on after a reload.
import { ref, watch } from 'vue'

const storageKey = 'weizhi.elderly-mode'
const className = 'elderly-mode'

export const elderlyMode = ref(localStorage.getItem(storageKey) === 'on')

/** Puts the page in the remembered mode and keeps it in step with later switches. */
export function applyElderlyMode(): void {
  document.documentElement.classList.toggle(className, elderlyMode.value)
  watch(elderlyMode, (on) => {
    document.documentElement.classList.toggle(className, on)
    localStorage.setItem(storageKey, on ? 'on' : 'off')
  })
}
