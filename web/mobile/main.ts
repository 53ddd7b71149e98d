// Entry of the resident H5 (Vant, phone-first): Vue app with Pinia, vue-i18n and the router; the
// elderly mode is applied before the first paint.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { i18n } from '@shared/i18n'
import { connectApiToSession } from '@shared/connect-api'
import App from './App.vue'
import { router } from './router'
import { applyElderlyMode } from './elderly-mode'
import './theme.css'
// Components bring their styles when used; the toast and the image viewer, called as functions, do not.
import 'vant/es/toast/style'
import 'vant/es/image-preview/style'

applyElderlyMode()
const app = createApp(App)
app.use(createPinia()).use(i18n)
connectApiToSession(router)
app.use(router)
app.mount('#app')
