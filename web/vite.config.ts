/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig(({ mode }) => ({
  plugins: [
    vue(),
    // On-demand Element Plus: only the components a template uses (and their CSS)
    // end up in the bundle, instead of the whole library. Unit tests skip the CSS
    // so Node can load Element Plus directly instead of Vite transforming all of it.
    Components({
      resolvers: [ElementPlusResolver({ importStyle: mode === 'test' ? false : 'css' })],
      dts: 'src/components.d.ts',
    }),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // Tests pre-bundle Element Plus (below): it gets async-validator's ES build, as the app does,
      // not the CommonJS one whose default export would come through as { default: Schema }.
      ...(mode === 'test' ? { 'async-validator': 'async-validator/dist-web/index.js' } : {}),
    },
  },
  server: {
    proxy: {
      // The C++ server serves both the API and web/dist in production; in dev we
      // only need to forward the API so fetch('/api/...') works unchanged.
      '/api': 'http://127.0.0.1:8080',
    },
  },
  build: {
    // Element Plus + Vue alone are ~500 kB minified; Swagger UI's prebuilt bundle (1.6 MB, loaded
    // only by the developer portal) is the one larger chunk. Keep the warning for real regressions.
    chunkSizeWarningLimit: 1700,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // Stable, recognisable vendor chunks: they change far less often than our
        // pages, so browsers keep them cached across deployments.
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia)[\\/]/, priority: 20 },
            // Only the 归集时效 chart uses ECharts; its own chunk keeps it out of every other page.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/, priority: 15 },
            {
              name: 'element-plus',
              test: /node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|@sxzz|@vueuse|@ctrl|dayjs|lodash-es|lodash-unified|async-validator|memoize-one|normalize-wheel-es)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    // One module graph per worker instead of one per test file: Vue, Element Plus and the pages
    // are loaded once per worker, not once per file (about half the suite's CPU time).
    // src/test/setup.ts unmounts and empties the document after every test. A module another file
    // loaded first ignores vi.mock: stub through src/test/mount.ts or vi.spyOn instead.
    isolate: false,
    // Vitest leaves one core to itself by default (1 worker here); its own work is light next to
    // the tests', which also spend much of their time waiting on Element Plus' timers.
    maxWorkers: 2,
    deps: {
      // Element Plus is pre-bundled into one file (cached in node_modules/.vite/vitest) instead of
      // Node loading its hundreds of modules for every worker; its async-validator is the ES build
      // (alias above). Left to Node, the CommonJS build's default export came through as
      // { default: Schema } and every el-form rule "passed" in tests.
      optimizer: { client: { enabled: true, include: ['element-plus', 'element-plus/es', 'async-validator'] } },
    },
    // Pages mount Element Plus in happy-dom: seconds each on a busy 2-core machine.
    testTimeout: 30_000,
    restoreMocks: true,
    unstubGlobals: true,
  },
}))
