// The sign-in form of both apps: account and password, the server's message on the field it names (or
// above the form), and after signing in the page the visitor was sent away from.
import { reactive, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useSessionStore } from '../stores/session'
import { useServerErrors } from './server-errors'

export function useSignInForm() {
  const route = useRoute()
  const router = useRouter()
  const session = useSessionStore()
  const form = reactive({ login: '', password: '' })
  const submitting = ref(false)
  const { fieldErrors, formError, clear, show } = useServerErrors(['login', 'password'] as const)

  /** Signs in when `validate` (the page's own form rules) passes; only same-app paths are followed. */
  async function submit(validate: () => Promise<boolean> = async () => true) {
    clear()
    if (!(await validate())) return
    submitting.value = true
    try {
      await session.signIn(form.login.trim(), form.password)
      const redirect = typeof route.query.redirect === 'string' ? route.query.redirect : '/'
      await router.replace(redirect.startsWith('/') ? redirect : '/')
    } catch (error) {
      show(error)
    } finally {
      submitting.value = false
    }
  }

  return { form, submitting, fieldErrors, formError, submit }
}
