import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createWebHistory } from 'vue-router';
import App from './App.vue';
import { formatNumber } from './charts/format';
import { i18n } from './locales';
import { createAppRouter } from './router';
import './styles/index.css';

createApp(App)
  .use(createPinia())
  .use(i18n)
  .use(createAppRouter(createWebHistory(import.meta.env.BASE_URL), { preloadChunks: true }))
  .mount('#app');

// The first number formatter of a page load costs tens of milliseconds (the browser loads its
// locale data): pay it while the session is checked and the page's code loads, rather than
// when the first figures are drawn.
setTimeout(() => formatNumber(0, { locale: i18n.global.locale.value }), 0);
