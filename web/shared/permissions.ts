// Which roles carry which permission, as in the server's role_permissions table. The apps use it only
// to hide what a user cannot do; the server checks every request itself.
import type { RoleCode } from './api/users'

export type Permission = 'audit.read' | 'users.manage' | 'org.write'

export const rolesWithPermission: Record<Permission, readonly RoleCode[]> = {
  'audit.read': ['street_admin', 'supervisor'],
  'users.manage': ['street_admin'],
  'org.write': ['street_admin', 'community_secretary'],
}
