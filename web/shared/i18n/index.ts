// vue-i18n set-up shared by both apps: zh-CN by default, English on request, the choice kept per device.
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'

export type Locale = 'zh-CN' | 'en'
export const locales: readonly Locale[] = ['zh-CN', 'en']

const storageKey = 'weizhi.locale'

function savedLocale(): Locale {
  const saved = localStorage.getItem(storageKey)
  return locales.find((locale) => locale === saved) ?? 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

document.documentElement.lang = i18n.global.locale.value

/** Switches the language of the page and remembers it on this device. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem(storageKey, locale)
  document.documentElement.lang = locale
}
