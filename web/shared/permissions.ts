// Which roles carry which permission, as in the server's role_permissions table. The apps use it only
// to hide what a user cannot do; the server checks every request itself.
import type { RoleCode } from './api/users'

export type Permission =
  | 'audit.read'
  | 'users.manage'
  | 'org.write'
  | 'people.write'
  | 'governance.read'
  | 'governance.write'
  | 'stats.read'
  | 'people.read'
  | 'people.unmask'
  | 'voting.read'
  | 'voting.manage'
  | 'voting.clerk'
  | 'voting.supervise'
  | 'elections.read'
  | 'elections.manage'
  | 'elections.clerk'
  | 'elections.supervise'
  | 'committees.read'
  | 'committees.manage'
  | 'covenant.policy'
  | 'covenant.manage'
  | 'covenant.read'
  | 'covenant.acknowledge'
  | 'covenant.violations.read'
  | 'elevators.read'
  | 'elevators.manage'
  | 'elevators.policy'
  | 'deliberation.read'
  | 'deliberation.propose'
  | 'deliberation.comment'
  | 'deliberation.moderate'
  | 'deliberation.vote'
  | 'deliberation.advance'
  | 'deliberation.resolve'
  | 'cases.catalogue'
  | 'cases.read'
  | 'cases.create'
  | 'cases.note'
  | 'cases.accept'
  | 'cases.assign'
  | 'cases.resolve'
  | 'cases.verify'
  | 'cases.close'
  | 'cases.revisit'
  | 'notifications.manage'
  | 'mediation.read'
  | 'mediation.manage'

/** Every role of the street's and the compounds' staff: all but residents and gate devices. */
const staffRoles: readonly RoleCode[] = [
  'street_admin',
  'community_secretary',
  'tripartite_director',
  'commissioner',
  'party_secretary',
  'grid_member',
  'committee_member',
  'supervisor',
  'property_manager',
  'property_staff',
  'social_org',
]

/** Who works on service cases: every staff role but the party secretary, the supervisor and social organisations. */
const caseStaff: readonly RoleCode[] = [
  'street_admin',
  'community_secretary',
  'tripartite_director',
  'commissioner',
  'committee_member',
  'grid_member',
  'property_manager',
  'property_staff',
]

export const rolesWithPermission: Record<Permission, readonly RoleCode[]> = {
  'audit.read': ['street_admin', 'supervisor'],
  'users.manage': ['street_admin'],
  'org.write': ['street_admin', 'community_secretary'],
  'governance.read': staffRoles,
  'governance.write': ['street_admin', 'community_secretary', 'tripartite_director'],
  'stats.read': ['street_admin', 'community_secretary', 'tripartite_director', 'commissioner', 'party_secretary', 'supervisor'],
  'people.read': [
    'street_admin',
    'community_secretary',
    'tripartite_director',
    'commissioner',
    'party_secretary',
    'grid_member',
    'supervisor',
  ],
  'people.unmask': ['street_admin', 'community_secretary', 'tripartite_director'],
  'people.write': ['street_admin', 'community_secretary', 'tripartite_director', 'commissioner', 'grid_member'],
  'voting.read': [
    'street_admin',
    'community_secretary',
    'tripartite_director',
    'commissioner',
    'committee_member',
    'grid_member',
    'supervisor',
  ],
  'voting.manage': ['street_admin', 'community_secretary', 'tripartite_director', 'commissioner', 'committee_member'],
  'voting.clerk': ['commissioner', 'committee_member', 'grid_member'],
  'voting.supervise': ['supervisor'],
  'elections.read': [
    'street_admin',
    'community_secretary',
    'tripartite_director',
    'commissioner',
    'grid_member',
    'committee_member',
    'supervisor',
  ],
  'elections.manage': ['street_admin', 'community_secretary', 'tripartite_director', 'commissioner'],
  'elections.clerk': ['commissioner', 'grid_member', 'committee_member'],
  'elections.supervise': ['supervisor'],
  'committees.read': [
    'street_admin',
    'community_secretary',
    'tripartite_director',
    'commissioner',
    'committee_member',
    'grid_member',
    'supervisor',
  ],
  'committees.manage': ['street_admin', 'community_secretary', 'tripartite_director'],
  'covenant.policy': ['street_admin'],
  'covenant.manage': ['street_admin', 'community_secretary', 'tripartite_director', 'commissioner', 'committee_member'],
  'covenant.read': [
    'street_admin',
    'community_secretary',
    'tripartite_director',
    'commissioner',
    'committee_member',
    'party_secretary',
    'grid_member',
    'supervisor',
    'property_manager',
    'property_staff',
    'resident',
  ],
  'covenant.acknowledge': ['street_admin', 'community_secretary', 'tripartite_director', 'commissioner', 'committee_member', 'resident'],
  'covenant.violations.read': [
    'street_admin',
    'community_secretary',
    'tripartite_director',
    'commissioner',
    'committee_member',
    'party_secretary',
    'grid_member',
    'supervisor',
    'property_manager',
    'property_staff',
  ],
  'elevators.policy': ['street_admin'],
  'elevators.manage': ['street_admin', 'community_secretary', 'tripartite_director', 'commissioner', 'committee_member'],
  'elevators.read': [
    'street_admin',
    'community_secretary',
    'tripartite_director',
    'commissioner',
    'committee_member',
    'party_secretary',
    'grid_member',
    'supervisor',
    'property_manager',
    'property_staff',
  ],
  'deliberation.read': staffRoles,
  'deliberation.propose': [
    'street_admin',
    'community_secretary',
    'tripartite_director',
    'grid_member',
    'party_secretary',
    'commissioner',
    'committee_member',
    'resident',
  ],
  'deliberation.comment': ['resident', 'committee_member', 'commissioner'],
  'deliberation.moderate': ['commissioner', 'community_secretary', 'tripartite_director', 'street_admin'],
  'deliberation.vote': ['commissioner', 'community_secretary', 'tripartite_director', 'street_admin'],
  'deliberation.advance': ['commissioner', 'community_secretary', 'tripartite_director', 'street_admin', 'committee_member'],
  'deliberation.resolve': ['commissioner', 'community_secretary', 'tripartite_director', 'street_admin', 'committee_member'],
  'cases.catalogue': ['street_admin'],
  'cases.read': [...caseStaff, 'party_secretary', 'supervisor'],
  'cases.create': caseStaff,
  'cases.note': caseStaff,
  'cases.accept': ['street_admin', 'community_secretary', 'tripartite_director', 'commissioner', 'grid_member', 'property_manager'],
  'cases.assign': ['street_admin', 'community_secretary', 'tripartite_director', 'commissioner', 'property_manager'],
  'cases.resolve': [
    'street_admin',
    'community_secretary',
    'tripartite_director',
    'commissioner',
    'grid_member',
    'property_manager',
    'property_staff',
  ],
  'cases.verify': ['street_admin', 'community_secretary', 'tripartite_director', 'commissioner', 'committee_member', 'grid_member'],
  'cases.close': ['street_admin', 'community_secretary', 'tripartite_director', 'commissioner'],
  'cases.revisit': ['street_admin', 'commissioner', 'committee_member'],
  'notifications.manage': ['street_admin', 'community_secretary', 'tripartite_director'],
  'mediation.read': [
    'street_admin',
    'community_secretary',
    'tripartite_director',
    'commissioner',
    'party_secretary',
    'grid_member',
    'supervisor',
  ],
  'mediation.manage': ['street_admin', 'community_secretary', 'tripartite_director', 'commissioner', 'grid_member'],
}
