import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createWebHistory } from 'vue-router';
import App from './App.vue';
import { i18n } from './locales';
import { createAppRouter } from './router';
import './styles/index.css';

createApp(App)
  .use(createPinia())
  .use(i18n)
  .use(createAppRouter(createWebHistory(import.meta.env.BASE_URL), { preloadChunks: true }))
  .mount('#app');

