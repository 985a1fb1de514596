// Messages of one feature, so that features can grow their texts without touching each other.
// vue-i18n message syntax: `{`, `}`, `@`, `$` and `|` are special; avoid them in plain text.
export const zhCN = {};

export const en: typeof zhCN = {};
