import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const API_TARGET = process.env.API_TARGET ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // 'prompt': a new version waits until the user agrees, so an update never reloads the page
      // over input that is not saved or not synced yet.
      registerType: 'prompt',
      injectRegister: false,
      // Our own worker (src/app/sw.ts) for Background Sync; workbox injects the precache list.
      strategies: 'injectManifest',
      srcDir: 'src/app',
      filename: 'sw.ts',
      injectManifest: {
        // A classic script: module service workers are not supported everywhere yet.
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The worker bundles Dexie and the sync engine.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Minh Chứng — Đánh giá chuyển đổi số',
        short_name: 'Minh Chứng',
        description: 'Kê khai, minh chứng và đánh giá phong trào thi đua chuyển đổi số cấp xã',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#b91c1c',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
    }),
  ],
  resolve: {
    // zod in the browser runs jitless, configured before any schema is defined (src/app/zod.ts).
    alias: [
      { find: /^zod$/, replacement: fileURLToPath(new URL('src/app/zod.ts', import.meta.url)) },
      {
        find: /^zod\/mini$/,
        replacement: fileURLToPath(new URL('src/app/zod-mini.ts', import.meta.url)),
      },
    ],
  },
  server: {
    proxy: { '/api': API_TARGET },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // The libraries the shell runs on travel as one chunk. Left alone, the bundler cuts out
        // of the shell every module a lazy screen also imports (the router, the JSX runtime,
        // i18next…), and each extra chunk costs the first route its own request and compression
        // overhead on a 3G phone.
        codeSplitting: {
          groups: [
            {
              // The shell's own small modules that lazy screens share (formatting, services, the
              // database, the i18n set-up): one chunk with it instead of one file each.
              name: 'shell',
              test: /[\\/]src[\\/]app[\\/](ui[\\/](format|navigation|use-storage)|services|db[\\/]database|i18n[\\/]index|api[\\/]deployment-request|sync[\\/]transport-error)\./,
            },
            {
              name: 'shell-vendor',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next|dexie|dexie-react-hooks)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
