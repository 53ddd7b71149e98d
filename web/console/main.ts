// Entry of the staff console: Vue app with Pinia, vue-i18n and the router; pages load on demand.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { i18n } from '@shared/i18n'
import { connectApiToSession } from '@shared/connect-api'
import App from './App.vue'
import { router } from './router'
import './theme.css'

const app = createApp(App)
app.use(createPinia()).use(i18n)
connectApiToSession(router)
app.use(router)
app.mount('#app')
