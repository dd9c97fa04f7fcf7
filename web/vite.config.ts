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
    // Element Plus + Vue alone are ~500 kB minified; keep the warning for real regressions.
    chunkSizeWarningLimit: 900,
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
    // are loaded and transformed once per worker, not 41 times (about half the suite's CPU time).
    // src/test/setup.ts unmounts and empties the document after every test, and vi.mock / vi.stubGlobal
    // are still scoped to their file.
    isolate: false,
    // Vitest leaves one core to itself by default (1 worker here); its own work is light next to
    // the tests', which also spend much of their time waiting on Element Plus' timers.
    maxWorkers: 2,
    server: {
      deps: {
        // Left to Node, Element Plus' ES build would import async-validator's CommonJS build, whose
        // default export Node hands over as { default: Schema }: every el-form rule then "passed"
        // in tests. Through Vite the import is interop'd as in the app (transformed once per run).
        inline: ['element-plus'],
      },
    },
    // Pages mount Element Plus in happy-dom: seconds each on a busy 2-core machine.
    testTimeout: 30_000,
    restoreMocks: true,
    unstubGlobals: true,
  },
}))
