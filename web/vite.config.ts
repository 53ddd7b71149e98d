// Vite build of the two web apps: the console (index.html, served at /) and the resident H5
// (m/index.html, served at /m/); Element Plus and Vant components are imported on demand.
import { fileURLToPath, URL } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { VantResolver } from '@vant/auto-import-resolver'

const pagePath = (relative: string) => fileURLToPath(new URL(relative, import.meta.url))

// In `npm run dev`, deep links under /m/ load the H5 page, as the weizhi server does.
function mobileHistoryFallback(): Plugin {
  return {
    name: 'weizhi-mobile-history-fallback',
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        const url = request.url ?? ''
        const isPageRequest = url.startsWith('/m/') && !url.slice(3).includes('.') && !url.startsWith('/m/@')
        if (isPageRequest) request.url = '/m/index.html'
        next()
      })
    },
  }
}

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    AutoImport({
      resolvers: [ElementPlusResolver(), VantResolver()],
      dts: 'types/auto-imports.d.ts',
    }),
    Components({
      dirs: [],
      resolvers: [ElementPlusResolver(), VantResolver()],
      dts: 'types/components.d.ts',
    }),
    mobileHistoryFallback(),
  ],
  resolve: {
    alias: { '@shared': pagePath('./shared') },
  },
  // vue-i18n's compile-time flags: Composition API only, no devtools hooks in production.
  define: {
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        console: pagePath('./index.html'),
        mobile: pagePath('./m/index.html'),
      },
    },
  },
})
