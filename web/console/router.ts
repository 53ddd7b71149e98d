// Routes of the console (history mode under /). Every page is its own chunk; menu entries are the
// routes with a menuGroup (layouts/menu.ts), shown only to roles carrying the route's permission.
import { createRouter, createWebHistory } from 'vue-router'
import { installSessionGuard } from '@shared/session-guard'

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('./views/login/index.vue'),
      meta: { public: true, titleKey: 'login.title' },
    },
    {
      // Outside the layout: the page is printed, one paper form per sheet.
      path: '/votes/:id(\\d+)/paper-forms',
      name: 'vote-paper-forms',
      component: () => import('./views/voting/paper-forms/index.vue'),
      props: (route) => ({ voteId: Number(route.params.id) }),
      meta: { titleKey: 'layout.paperForms', permission: 'voting.read' },
    },
    {
      // Outside the layout: the page is printed for door-to-door visits.
      path: '/votes/:id(\\d+)/non-voters',
      name: 'vote-non-voters',
      component: () => import('./views/voting/non-voters/index.vue'),
      props: (route) => ({ voteId: Number(route.params.id) }),
      meta: { titleKey: 'voteRoster.nonVoters', permission: 'voting.manage' },
    },
    {
      // Outside the layout: the result notice is printed for the notice board.
      path: '/votes/:id(\\d+)/result-sheet',
      name: 'vote-result-sheet',
      component: () => import('./views/voting/result-sheet/index.vue'),
      props: (route) => ({ voteId: Number(route.params.id) }),
      meta: { titleKey: 'voteRoster.resultSheet', permission: 'voting.read' },
    },
    {
      // Outside the layout: the result notice is printed for the notice board.
      path: '/elections/:id(\\d+)/result-sheet',
      name: 'election-result-sheet',
      component: () => import('./views/elections/result-sheet/index.vue'),
      props: (route) => ({ electionId: Number(route.params.id) }),
      meta: { titleKey: 'elections.resultSheet', permission: 'elections.read' },
    },
    {
      // Outside the layout: the page is printed, one blank numbered ballot per sheet.
      path: '/elections/:id(\\d+)/ballots/print',
      name: 'election-ballots',
      component: () => import('./views/elections/ballots-print/index.vue'),
      props: (route) => ({
        electionId: Number(route.params.id),
        count: route.query.count ? Number(route.query.count) : undefined,
        from: route.query.from ? Number(route.query.from) : undefined,
      }),
      meta: { titleKey: 'elections.printBallots', permission: 'elections.read' },
    },
    {
      path: '/',
      component: () => import('./layouts/ConsoleLayout.vue'),
      children: [
        {
          path: '',
          name: 'home',
          component: () => import('./views/home/index.vue'),
          meta: { titleKey: 'layout.home' },
        },
        {
          path: 'org/nodes/:id(\\d+)',
          name: 'org-node',
          component: () => import('./views/org/node/index.vue'),
          props: (route) => ({ nodeId: Number(route.params.id) }),
          meta: { titleKey: 'layout.orgNode' },
        },
        {
          path: 'audit',
          name: 'audit',
          component: () => import('./views/audit/log/index.vue'),
          meta: { titleKey: 'layout.audit', permission: 'audit.read', menuGroup: 'system', menuOrder: 2 },
        },
        {
          path: 'reports/monthly',
          name: 'monthly-report',
          component: () => import('./views/reports/monthly/index.vue'),
          meta: { titleKey: 'reports.title', permission: 'stats.read', menuGroup: 'system', menuOrder: 1 },
        },
        {
          path: 'users',
          name: 'users',
          component: () => import('./views/users/accounts/index.vue'),
          meta: { titleKey: 'layout.users', permission: 'users.manage', menuGroup: 'system', menuOrder: 3 },
        },
        {
          path: 'map',
          name: 'street-map',
          component: () => import('./views/map/index.vue'),
          meta: { titleKey: 'map.title', permission: 'org.read', menuGroup: 'org', menuOrder: 3 },
        },
        {
          path: 'commissioners',
          name: 'commissioners',
          component: () => import('./views/governance/commissioners/index.vue'),
          meta: { titleKey: 'layout.commissioners', permission: 'governance.read', menuGroup: 'org', menuOrder: 4 },
        },
        {
          path: 'people',
          name: 'people',
          component: () => import('./views/people/search/index.vue'),
          meta: { titleKey: 'layout.people', permission: 'people.read', menuGroup: 'org', menuOrder: 5 },
        },
        {
          path: 'people/:id(\\d+)',
          name: 'person',
          component: () => import('./views/people/person/index.vue'),
          props: (route) => ({ personId: Number(route.params.id) }),
          meta: { titleKey: 'layout.person', permission: 'people.read' },
        },
        {
          path: 'votes',
          name: 'votes',
          component: () => import('./views/voting/list/index.vue'),
          meta: { titleKey: 'layout.votes', permission: 'voting.read', menuGroup: 'autonomy', menuOrder: 6 },
        },
        {
          path: 'votes/new',
          name: 'vote-new',
          component: () => import('./views/voting/wizard/index.vue'),
          meta: { titleKey: 'layout.newVote', permission: 'voting.manage' },
        },
        {
          path: 'votes/:id(\\d+)/edit',
          name: 'vote-edit',
          component: () => import('./views/voting/wizard/index.vue'),
          props: (route) => ({ voteId: Number(route.params.id) }),
          meta: { titleKey: 'layout.editVote', permission: 'voting.manage' },
        },
        {
          path: 'votes/:id(\\d+)',
          name: 'vote',
          component: () => import('./views/voting/vote/index.vue'),
          props: (route) => ({ voteId: Number(route.params.id) }),
          meta: { titleKey: 'layout.vote', permission: 'voting.read' },
        },
        {
          path: 'committees',
          name: 'committees',
          component: () => import('./views/committees/list/index.vue'),
          meta: { titleKey: 'committees.title', permission: 'committees.read', menuGroup: 'autonomy', menuOrder: 10 },
        },
        {
          path: 'committees/:id(\\d+)',
          name: 'committee',
          component: () => import('./views/committees/committee/index.vue'),
          props: (route) => ({ committeeId: Number(route.params.id) }),
          meta: { titleKey: 'committees.committee', permission: 'committees.read' },
        },
        {
          path: 'elections',
          name: 'elections',
          component: () => import('./views/elections/list/index.vue'),
          meta: { titleKey: 'elections.title', permission: 'elections.read', menuGroup: 'autonomy', menuOrder: 7 },
        },
        {
          path: 'elections/:id(\\d+)',
          name: 'election',
          component: () => import('./views/elections/election/index.vue'),
          props: (route) => ({ electionId: Number(route.params.id) }),
          meta: { titleKey: 'elections.election', permission: 'elections.read' },
        },
        {
          path: 'covenant',
          name: 'covenant',
          component: () => import('./views/covenant/compound/index.vue'),
          meta: { titleKey: 'covenant.title', permission: 'covenant.read', menuGroup: 'autonomy', menuOrder: 11 },
        },
        {
          path: 'covenant/violations',
          name: 'covenant-violations',
          component: () => import('./views/covenant/violations/index.vue'),
          meta: { titleKey: 'covenant.violations', permission: 'covenant.violations.read', menuGroup: 'autonomy', menuOrder: 12 },
        },
        {
          path: 'covenant/violations/:id(\\d+)',
          name: 'covenant-violation',
          component: () => import('./views/covenant/violation/index.vue'),
          props: (route) => ({ violationId: Number(route.params.id) }),
          meta: { titleKey: 'covenant.violation', permission: 'covenant.violations.read' },
        },
        {
          path: 'deliberation',
          name: 'deliberation',
          component: () => import('./views/deliberation/board/index.vue'),
          meta: { titleKey: 'deliberation.title', permission: 'deliberation.read', menuGroup: 'autonomy', menuOrder: 16 },
        },
        {
          path: 'deliberation/topics/:id(\\d+)',
          name: 'deliberation-topic',
          component: () => import('./views/deliberation/topic/index.vue'),
          props: (route) => ({ topicId: Number(route.params.id) }),
          meta: { titleKey: 'deliberation.topic', permission: 'deliberation.read' },
        },
        {
          path: 'elevators',
          name: 'elevators',
          component: () => import('./views/elevators/compound/index.vue'),
          meta: { titleKey: 'elevators.title', permission: 'elevators.read', menuGroup: 'autonomy', menuOrder: 15 },
        },
        {
          path: 'elevators/projects/:id(\\d+)',
          name: 'elevator-project',
          component: () => import('./views/elevators/project/index.vue'),
          props: (route) => ({ projectId: Number(route.params.id) }),
          meta: { titleKey: 'elevators.projects', permission: 'elevators.read' },
        },
        {
          path: 'mediations',
          name: 'mediations',
          component: () => import('./views/mediation/list/index.vue'),
          meta: { titleKey: 'mediation.title', permission: 'mediation.read', menuGroup: 'service', menuOrder: 20 },
        },
        {
          path: 'mediations/:id(\\d+)',
          name: 'mediation',
          component: () => import('./views/mediation/dispute/index.vue'),
          props: (route) => ({ mediationId: Number(route.params.id) }),
          meta: { titleKey: 'mediation.dispute', permission: 'mediation.read' },
        },
        {
          path: 'cases',
          name: 'cases',
          component: () => import('./views/cases/inbox/index.vue'),
          meta: { titleKey: 'cases.title', permission: 'cases.read', menuGroup: 'service', menuOrder: 17 },
        },
        {
          path: 'cases/:id(\\d+)',
          name: 'case',
          component: () => import('./views/cases/case/index.vue'),
          props: (route) => ({ caseId: Number(route.params.id) }),
          meta: { titleKey: 'cases.case', permission: 'cases.read' },
        },
        {
          path: 'case-items',
          name: 'case-items',
          component: () => import('./views/cases/catalogue/index.vue'),
          meta: { titleKey: 'cases.catalogue.title', permission: 'cases.catalogue', menuGroup: 'service', menuOrder: 18 },
        },
        {
          path: 'notifications',
          name: 'notifications',
          component: () => import('./views/notifications/inbox/index.vue'),
          meta: { titleKey: 'notifications.title' },
        },
        {
          path: 'notifications/robots',
          name: 'notification-robots',
          component: () => import('./views/notifications/robots/index.vue'),
          meta: { titleKey: 'notifications.robots.title', permission: 'notifications.manage', menuGroup: 'system', menuOrder: 19 },
        },
        {
          path: 'imports/parts',
          name: 'import-parts',
          component: () => import('./views/imports/wizard/index.vue'),
          props: { kind: 'parts' },
          meta: { titleKey: 'layout.importParts', permission: 'org.write', menuGroup: 'org', menuOrder: 8 },
        },
        {
          path: 'imports/people',
          name: 'import-people',
          component: () => import('./views/imports/wizard/index.vue'),
          props: { kind: 'people' },
          meta: { titleKey: 'layout.importPeople', permission: 'people.write', menuGroup: 'org', menuOrder: 9 },
        },
        {
          path: 'no-access',
          name: 'no-access',
          component: () => import('./views/fallback/index.vue'),
          props: { status: 403 },
          meta: { titleKey: 'errors.noAccess' },
        },
        {
          path: ':unknownPath(.*)*',
          name: 'not-found',
          component: () => import('./views/fallback/index.vue'),
          props: { status: 404 },
          meta: { titleKey: 'errors.pageNotFound' },
        },
      ],
    },
  ],
})

installSessionGuard(router, 'app.consoleTitle')
