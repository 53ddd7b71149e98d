// The sign-in forms: account and password (both apps), and a resident's phone with an SMS code (the H5); the
// server's message on the field it names (or above the form), and after signing in the page the visitor was
// sent away from.
import { onScopeDispose, reactive, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { toApiError, type ApiError } from '../api/client'
import { requestSignInCode, type PhoneHolder } from '../api/session'
import { useSessionStore } from '../stores/session'
import { useServerErrors } from './server-errors'

/** Goes where the visitor was sent away from (only same-app paths are followed), or to the app's home. */
function useReturnAfterSignIn() {
  const route = useRoute()
  const router = useRouter()
  return async () => {
    const redirect = typeof route.query.redirect === 'string' ? route.query.redirect : '/'
    await router.replace(redirect.startsWith('/') ? redirect : '/')
  }
}

export function useSignInForm() {
  const returnAfterSignIn = useReturnAfterSignIn()
  const session = useSessionStore()
  const form = reactive({ login: '', password: '' })
  const submitting = ref(false)
  const { fieldErrors, formError, clear, show } = useServerErrors(['login', 'password'] as const)

  /** Signs in when `validate` (the page's own form rules) passes. */
  async function submit(validate: () => Promise<boolean> = async () => true) {
    clear()
    if (!(await validate())) return
    submitting.value = true
    try {
      await session.signIn(form.login.trim(), form.password)
      await returnAfterSignIn()
    } catch (error) {
      show(error)
    } finally {
      submitting.value = false
    }
  }

  return { form, submitting, fieldErrors, formError, submit }
}

/** Seconds counted down to 0, once a second, while the component lives. */
function useCountdown() {
  const secondsLeft = ref(0)
  let timer: ReturnType<typeof setInterval> | undefined
  function stop() {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
  }
  function start(seconds: number) {
    stop()
    secondsLeft.value = Math.max(0, Math.ceil(seconds))
    if (secondsLeft.value === 0) return
    timer = setInterval(() => {
      secondsLeft.value -= 1
      if (secondsLeft.value <= 0) stop()
    }, 1000)
  }
  onScopeDispose(stop)
  return { secondsLeft, start }
}

/**
 * Asking for an SMS code with `ask`, then waiting the seconds the server names before another may be asked — also
 * after a refusal that names them (a 429), when `waitsAfter` holds for it. The refusal goes to the form's `errors`.
 */
export function useCodeSender(
  ask: () => Promise<{ resend_after: number }>,
  errors: { clear: () => void; show: (error: ApiError) => void },
  waitsAfter: (failure: ApiError) => boolean = () => true,
) {
  const sending = ref(false)
  const { secondsLeft, start } = useCountdown()

  async function send() {
    errors.clear()
    sending.value = true
    try {
      start((await ask()).resend_after)
    } catch (error) {
      const failure = toApiError(error)
      if (failure.retryAfter > 0 && waitsAfter(failure)) start(failure.retryAfter)
      errors.show(failure)
    } finally {
      sending.value = false
    }
  }

  return { sending, secondsLeft, send }
}

export type CodeSender = ReturnType<typeof useCodeSender>

/**
 * A resident's sign-in by phone: ask for a code (then wait the seconds the server names, also after a 429),
 * sign in with it, and when several people share the phone offer their masked names to choose from. A staff
 * member's phone is refused with password_required, which `onPasswordRequired` receives with the server's message.
 */
export function usePhoneSignInForm(onPasswordRequired: (message: string) => void) {
  const returnAfterSignIn = useReturnAfterSignIn()
  const session = useSessionStore()
  const form = reactive({ phone: '', code: '' })
  const submitting = ref(false)
  const choices = ref<PhoneHolder[]>([])
  const { fieldErrors, formError, clear, show } = useServerErrors(['phone', 'code'] as const)
  const sender = useCodeSender(() => requestSignInCode(form.phone.trim()), { clear, show })

  /** Signs in with the code, as the person whose `personToken` was chosen when the phone is shared. */
  async function submit(personToken?: string) {
    clear()
    submitting.value = true
    try {
      const offered = await session.signInByPhone(form.phone.trim(), form.code.trim(), personToken)
      choices.value = offered ?? []
      if (!offered) await returnAfterSignIn()
    } catch (error) {
      const failure = toApiError(error)
      choices.value = []
      if (failure.code === 'password_required') onPasswordRequired(failure.message)
      else show(failure)
    } finally {
      submitting.value = false
    }
  }

  return { form, sender, submitting, choices, fieldErrors, formError, submit }
}
