// Routes of the resident H5 (history mode under /m/): sign-in, a household invitation letter redeemed, the 我的 page, the resident's votes
// (ballot, receipt, result), their committee elections (secret ballot), their compound's covenant and
// property contract with its published monthly results, a committee member's monthly evaluation sheets,
// the compound's deliberation topics with their comments, their reports of problems (报事报修) with
// ratings, their access credentials with the rotating pass code, the devices signed in to the account, the privacy notice (public, and asked of residents until they
// consent) with 我的信息, and the public receipt check.
import { createRouter, createWebHistory } from 'vue-router'
import { installSessionGuard } from '@shared/session-guard'
import { installConsentGuard } from './views/privacy/consent-guard'

export const router = createRouter({
  history: createWebHistory('/m/'),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('./views/login/index.vue'),
      meta: { public: true, titleKey: 'login.title' },
    },
    {
      // A household invitation letter's QR leads here; whoever holds the letter is not signed in yet.
      path: '/invite',
      name: 'invite',
      component: () => import('./views/invite/index.vue'),
      meta: { public: true, titleKey: 'residents.invite.title' },
    },
    {
      path: '/',
      name: 'home',
      component: () => import('./views/me/index.vue'),
      meta: { titleKey: 'mobile.me' },
    },
    {
      // 我的消息: the resident's own notifications, each leading to the H5 page it is about.
      path: '/inbox',
      name: 'my-inbox',
      component: () => import('./views/inbox/index.vue'),
      meta: { titleKey: 'notifications.inbox.title' },
    },
    {
      path: '/votes',
      name: 'my-votes',
      component: () => import('./views/voting/list/index.vue'),
      meta: { titleKey: 'ballot.myVotes' },
    },
    {
      path: '/votes/:id(\\d+)',
      name: 'vote',
      component: () => import('./views/voting/vote/index.vue'),
      props: (route) => ({ voteId: Number(route.params.id) }),
      meta: { titleKey: 'ballot.myVotes' },
    },
    {
      path: '/elections',
      name: 'my-elections',
      component: () => import('./views/elections/list/index.vue'),
      meta: { titleKey: 'electionBallot.myElections' },
    },
    {
      path: '/elections/:id(\\d+)',
      name: 'election',
      component: () => import('./views/elections/election/index.vue'),
      props: (route) => ({ electionId: Number(route.params.id) }),
      meta: { titleKey: 'electionBallot.myElections' },
    },
    {
      path: '/covenant',
      name: 'covenant',
      component: () => import('./views/covenant/index.vue'),
      meta: { titleKey: 'covenant.mobile.title' },
    },
    {
      path: '/contract',
      name: 'property-contract',
      component: () => import('./views/property/index.vue'),
      meta: { titleKey: 'property.mobile.title' },
    },
    {
      path: '/property/evaluations',
      name: 'my-evaluations',
      component: () => import('./views/evaluation/list/index.vue'),
      meta: { titleKey: 'property.mobileEvaluation.title' },
    },
    {
      path: '/property/evaluations/:contract(\\d+)/:month(\\d{4}-\\d{2})',
      name: 'evaluation-sheet',
      component: () => import('./views/evaluation/sheet/index.vue'),
      props: (route) => ({ contractId: Number(route.params.contract), month: String(route.params.month) }),
      meta: { titleKey: 'property.mobileEvaluation.title' },
    },
    {
      path: '/topics',
      name: 'my-topics',
      component: () => import('./views/deliberation/list/index.vue'),
      meta: { titleKey: 'deliberation.mobile.title' },
    },
    {
      path: '/topics/:id(\\d+)',
      name: 'topic',
      component: () => import('./views/deliberation/topic/index.vue'),
      props: (route) => ({ topicId: Number(route.params.id) }),
      meta: { titleKey: 'deliberation.mobile.title' },
    },
    {
      path: '/cases',
      name: 'my-cases',
      component: () => import('./views/cases/list/index.vue'),
      meta: { titleKey: 'cases.mobile.mine' },
    },
    {
      path: '/cases/new',
      name: 'case-report',
      component: () => import('./views/cases/report/index.vue'),
      meta: { titleKey: 'cases.mobile.report' },
    },
    {
      path: '/cases/:id(\\d+)',
      name: 'my-case',
      component: () => import('./views/cases/case/index.vue'),
      props: (route) => ({ caseId: Number(route.params.id) }),
      meta: { titleKey: 'cases.mobile.mine' },
    },
    {
      path: '/events',
      name: 'my-events',
      component: () => import('./views/events/index.vue'),
      meta: { titleKey: 'engagement.mobile.title' },
    },
    {
      path: '/notices',
      name: 'my-notices',
      component: () => import('./views/notices/index.vue'),
      meta: { titleKey: 'notices.mobile.title' },
    },
    {
      path: '/notices/:id(\\d+)',
      name: 'my-notice',
      component: () => import('./views/notices/notice.vue'),
      props: (route) => ({ noticeId: Number(route.params.id) }),
      meta: { titleKey: 'notices.mobile.title' },
    },
    {
      path: '/surveys',
      name: 'my-surveys',
      component: () => import('./views/surveys/index.vue'),
      meta: { titleKey: 'surveys.mobile.title' },
    },
    {
      path: '/surveys/:id(\\d+)',
      name: 'my-survey',
      component: () => import('./views/surveys/take.vue'),
      props: (route) => ({ surveyId: Number(route.params.id), householdId: route.query.household ? Number(route.query.household) : undefined }),
      meta: { titleKey: 'surveys.mobile.title' },
    },
    {
      path: '/access',
      name: 'my-access',
      component: () => import('./views/access/index.vue'),
      meta: { titleKey: 'access.me.title' },
    },
    {
      path: '/visitors',
      name: 'my-visitors',
      component: () => import('./views/visitors/index.vue'),
      meta: { titleKey: 'access.visitors.title' },
    },
    {
      path: '/epidemic',
      name: 'my-epidemic',
      component: () => import('./views/epidemic/index.vue'),
      meta: { titleKey: 'epidemic.care.myTitle' },
    },
    {
      path: '/devices',
      name: 'my-devices',
      component: () => import('./views/devices/index.vue'),
      meta: { titleKey: 'devices.title' },
    },
    {
      path: '/privacy',
      name: 'privacy',
      component: () => import('./views/privacy/index.vue'),
      meta: { public: true, titleKey: 'privacy.notice' },
    },
    {
      path: '/my-data',
      name: 'my-data',
      component: () => import('./views/my-data/index.vue'),
      meta: { titleKey: 'privacy.myData' },
    },
    {
      path: '/receipt',
      name: 'receipt',
      component: () => import('./views/receipt/index.vue'),
      meta: { public: true, titleKey: 'ballot.checkReceipt' },
    },
    { path: '/:unknownPath(.*)*', redirect: { name: 'home' } },
  ],
})

installSessionGuard(router, 'app.mobileTitle')
installConsentGuard(router)
