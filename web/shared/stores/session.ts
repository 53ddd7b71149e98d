// The signed-in user, shared by every page of an app: sign in, restore after a reload, sign out.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError } from '../api/client'
import { createPhoneSession, createSession, deleteSession, getMe, type PhoneHolder, type SessionUser } from '../api/session'
import { redeemInvitation, type Claimant } from '../api/residents'
import type { RoleAssignment } from '../api/users'
import type { Permission } from '../permissions'

export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null)
  const csrfToken = ref('')
  /** True once we asked the server who is signed in (whatever the answer). */
  const checked = ref(false)

  const signedIn = computed(() => user.value !== null)
  const roles = computed<RoleAssignment[]>(() => user.value?.roles ?? [])

  /** The distinct org nodes the user's roles cover, in the order the roles are listed. */
  const scopeNodes = computed(() => {
    const seen = new Map<number, RoleAssignment>()
    for (const role of roles.value) if (!seen.has(role.scope_node_id)) seen.set(role.scope_node_id, role)
    return [...seen.values()].map((role) => ({ id: role.scope_node_id, name: role.scope_name, kind: role.scope_kind }))
  })

  /** Whether any of the user's roles grants `permission`, as the server listed them with the user. */
  function may(permission: Permission): boolean {
    return (user.value?.permissions ?? []).some((scope) => scope.permissions.includes(permission))
  }

  function remember(signed: SessionUser & { csrf_token: string }) {
    const { csrf_token: token, ...profile } = signed
    user.value = profile
    csrfToken.value = token
    checked.value = true
  }

  function forget() {
    user.value = null
    csrfToken.value = ''
    checked.value = true
  }

  async function signIn(login: string, password: string) {
    remember(await createSession(login, password))
  }

  /** Signs a resident in with a phone and its code; answers the people to choose from when several share it. */
  async function signInByPhone(phone: string, code: string, personToken?: string): Promise<PhoneHolder[] | null> {
    const answer = await createPhoneSession(phone, code, personToken)
    if ('choose' in answer) return answer.choose
    remember(answer)
    return null
  }

  /**
   * Redeems a household invitation letter with a new phone and its code: signs the resident in, or answers the
   * household's people to choose from, or 'pending' when the community confirms the phone first.
   */
  async function signInByInvitation(
    invitationCode: string,
    phone: string,
    code: string,
    personId?: number,
  ): Promise<Claimant[] | 'pending' | null> {
    const answer = await redeemInvitation(invitationCode, phone, code, personId)
    if ('choose' in answer) return answer.choose
    if ('pending' in answer) return 'pending'
    remember(answer.signed_in)
    return null
  }

  /** Asks the server once per page load whether a session cookie is still valid. */
  async function restore() {
    if (checked.value) return
    try {
      remember(await getMe())
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error
      forget()
    }
  }

  async function signOut() {
    try {
      await deleteSession()
    } finally {
      forget()
    }
  }

  return {
    user,
    csrfToken,
    checked,
    signedIn,
    roles,
    scopeNodes,
    may,
    signIn,
    signInByPhone,
    signInByInvitation,
    restore,
    signOut,
    forget,
  }
})
