import { describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { cachedMessageCompiler } from './message-compiler';

const context = (key: string, onError = vi.fn()) => ({ locale: 'zh-CN', key, onError });

describe('cachedMessageCompiler', () => {
  it('compiles a message once, whatever key or locale asks for it', () => {
    const first = cachedMessageCompiler('第 {year} 年', context('a.year'));
    const second = cachedMessageCompiler('第 {year} 年', { ...context('b.year'), locale: 'en' });
    expect(second).toBe(first);
    expect(cachedMessageCompiler('第 {count} 个', context('a.count'))).not.toBe(first);
  });

  it('translates named values, plurals and linked messages as vue-i18n does', () => {
    const i18n = createI18n({
      legacy: false,
      locale: 'en',
      messageCompiler: cachedMessageCompiler,
      messages: {
        en: {
          unit: 'report | reports',
          linked: '@:plain yet',
          year: 'Year {year}',
          plain: 'No reports',
        },
      },
    });
    const { t } = i18n.global;
    expect(t('year', { year: 2024 })).toBe('Year 2024');
    expect(t('year', { year: 2025 })).toBe('Year 2025');
    expect(t('unit', 2)).toBe('reports');
    expect(t('unit', 1)).toBe('report');
    expect(t('plain')).toBe('No reports');
    expect(t('linked')).toBe('No reports yet');
  });

  it('reports a message that does not compile each time instead of keeping it', () => {
    const firstError = vi.fn();
    const secondError = vi.fn();
    cachedMessageCompiler('未闭合 {year', context('broken', firstError));
    cachedMessageCompiler('未闭合 {year', context('broken', secondError));
    expect(firstError).toHaveBeenCalled();
    expect(secondError).toHaveBeenCalled();
  });
});
