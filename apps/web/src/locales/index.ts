import { createI18n } from 'vue-i18n';
import en from './en';
import { cachedMessageCompiler } from './message-compiler';
import type { MessageSchema } from './schema';
import zhCN from './zh-CN';

export type { MessageSchema } from './schema';

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';

export function isAppLocale(value: unknown): value is AppLocale {
  return SUPPORTED_LOCALES.includes(value as AppLocale);
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN, en },
  messageCompiler: cachedMessageCompiler,
});
