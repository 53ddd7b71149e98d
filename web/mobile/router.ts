// Routes of the resident H5 (history mode under /m/): sign-in and the 我的 page; household and
// commissioner pages will join here.
import { createRouter, createWebHistory } from 'vue-router'
import { installSessionGuard } from '@shared/session-guard'

export const router = createRouter({
  history: createWebHistory('/m/'),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('./views/login.vue'),
      meta: { public: true, titleKey: 'login.title' },
    },
    {
      path: '/',
      name: 'home',
      component: () => import('./views/me.vue'),
      meta: { titleKey: 'mobile.me' },
    },
    { path: '/:unknownPath(.*)*', redirect: { name: 'home' } },
  ],
})

installSessionGuard(router, 'app.mobileTitle')
