// The users table's columns and the user and role forms' fields (labels are i18n keys).
import type { RoleCode, RoleGrant } from '@shared/api/users'
import type { TableColumn } from '../../components/ColumnsTable.vue'

export const userColumns: readonly TableColumn<'login' | 'display_name' | 'status' | 'roles' | 'actions'>[] = [
  { key: 'login', labelKey: 'users.login', width: 150 },
  { key: 'display_name', labelKey: 'users.displayName', width: 220 },
  { key: 'status', labelKey: 'users.status', width: 90 },
  { key: 'roles', labelKey: 'users.roles' },
  { key: 'actions', labelKey: 'common.actions', width: 200 },
]

/** A role and the org node it covers, as both forms edit it. */
export interface RoleScopeInput {
  role: RoleCode | ''
  scope_node_id: number | undefined
}

/** How both forms start: no role, no node. */
export const noRoleScope = (): RoleScopeInput => ({ role: '', scope_node_id: undefined })

/** The grant to send, once both the role and its node are chosen. */
export function chosenGrant({ role, scope_node_id }: RoleScopeInput): RoleGrant | null {
  return role && scope_node_id !== undefined ? { role, scope_node_id } : null
}

/** Fields of the create-user form as the server names them in errors. */
export const userFormFields = ['login', 'display_name', 'password', 'roles[0].role', 'roles[0].scope_node_id'] as const

/** Fields of the add-role form as the server names them in errors. */
export const roleFormFields = ['role', 'scope_node_id'] as const

export const minimumPasswordLength = 8
